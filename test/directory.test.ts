// The federal operator keeps the directory: create, edit and deactivate organizations and
// users, with every refused input answered clearly and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let mun77001: number;
let mun50001: number;
beforeAll(async () => {
  server = await startTestServer({ demo: true, config: { bodyLimitBytes: 4096 } });
  const muns = await server.database.db
    .selectFrom('municipalities')
    .select(['id', 'code'])
    .where('code', 'in', ['77001', '50001'])
    .execute();
  mun77001 = muns.find((m) => m.code === '77001')!.id;
  mun50001 = muns.find((m) => m.code === '50001')!.id;
});
afterAll(() => server.close());

const orgCount = async () =>
  Number(
    (
      await server.database.db
        .selectFrom('organizations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('organizations', () => {
  it('creates, finds, edits and deactivates an organization, auditing each step', async () => {
    const admin = await server.client().login('admin');
    const created = await admin.post('/api/organizations', {
      code: '779001',
      shortName: 'ГБОУ Школа № 9001',
      fullName: 'Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 9001»',
      kind: 'school',
      municipalityId: mun77001,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const found = await admin.get('/api/organizations?q=9001');
    expect(found.body.rows.map((o: any) => o.code)).toContain('779001');
    const edited = await admin.patch(`/api/organizations/${id}`, {
      shortName: 'ГБОУ Школа № 9001 им. Пушкина',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({
      shortName: 'ГБОУ Школа № 9001 им. Пушкина',
      regionCode: '77',
      municipalityCode: '77001',
    });

    // Its account sch<code> comes with it, with a one-time password shown once; it signs in
    // until the organization is deactivated.
    expect(created.body.account).toEqual({
      login: 'sch779001',
      oneTimePassword: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
    });
    const account = { body: created.body.account };
    const school = await server.client().login('sch779001', account.body.oneTimePassword);
    expect((await school.get('/api/auth/session')).body.user.mustChangePassword).toBe(true);

    expect((await admin.patch(`/api/organizations/${id}`, { isActive: false })).body.isActive).toBe(false);
    expect((await school.get('/api/auth/session')).status).toBe(401);
    const again = await server
      .client()
      .post('/api/auth/login', { login: 'sch779001', password: account.body.oneTimePassword });
    expect(again.status).toBe(401);

    const actions = await server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'organization')
      .where('object_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'organization.created',
      'organization.updated',
      'organization.deactivated',
    ]);
    const accountAudit = await server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'user')
      .where('details', '@>', JSON.stringify({ login: 'sch779001' }) as any)
      .execute();
    expect(accountAudit.map((a) => a.action)).toEqual(['user.created']);
  });

  it('refuses bad organizations with clear messages and stores nothing', async () => {
    const admin = await server.client().login('admin');
    const before = await orgCount();
    const base = {
      code: '779002',
      shortName: 'Школа',
      fullName: 'Школа',
      kind: 'school',
      municipalityId: mun77001,
    };
    const cases: [unknown, number, RegExp][] = [
      [{ ...base, code: '12' }, 400, /Код организации — 6 цифр/],
      [{ ...base, code: '509002' }, 400, /должен начинаться с кода региона 77/],
      [{ ...base, kind: 'university' }, 400, /Запрос содержит ошибки/],
      [{ ...base, shortName: '' }, 400, /Запрос содержит ошибки/],
      [{ ...base, shortName: 'Ш'.repeat(301) }, 400, /Запрос содержит ошибки/],
      [{ ...base, extra: 1 }, 400, /Запрос содержит ошибки/],
      [{ ...base, municipalityId: 999_999 }, 422, /Муниципалитет не найден/],
      [{ ...base, code: '770001' }, 409, /Организация с таким кодом уже существует/],
    ];
    for (const [body, status, detail] of cases) {
      const res = await admin.post('/api/organizations', body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(res.body)).toMatch(detail);
    }
    const overLong = await admin.post('/api/organizations', { ...base, shortName: 'Ш'.repeat(301) });
    expect(overLong.body.errors[0]).toEqual({ path: 'body/shortName', message: 'Не больше 300 символов.' });
    const unknownField = await admin.post('/api/organizations', { ...base, extra: 1 });
    expect(unknownField.body.errors[0].message).toBe('Неизвестные поля: extra.');
    expect(await orgCount()).toBe(before);
  });

  it('keeps an organization within its region when it moves', async () => {
    const admin = await server.client().login('admin');
    const org = (await admin.get('/api/organizations?q=770010')).body.rows[0];
    const res = await admin.patch(`/api/organizations/${org.id}`, { municipalityId: mun50001 });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('Организацию можно перевести только в муниципалитет того же региона.');
    expect((await admin.get(`/api/organizations/${org.id}`)).body.municipalityCode).toBe(
      org.municipalityCode,
    );
  });
});

describe('users', () => {
  it('creates a coordinator with a one-time password and refuses a scope that does not fit the role', async () => {
    const admin = await server.client().login('admin');
    const bad = await admin.post('/api/users', {
      login: 'reg77b',
      role: 'regional',
      municipalityId: mun77001,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'regionCode', message: 'Обязательное поле для этой роли.' },
        { path: 'municipalityId', message: 'Для этой роли поле не заполняется.' },
      ]),
    );
    const badLogin = await admin.post('/api/users', { login: 'Иванов', role: 'federal' });
    expect(badLogin.status).toBe(400);
    expect(badLogin.body.errors[0].message).toMatch(/^Логин: от 2 до 64/);
    const dup = await admin.post('/api/users', { login: 'reg77', role: 'regional', regionCode: '77' });
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toBe('Пользователь с таким логином уже существует.');
    const ok = await admin.post('/api/users', {
      login: 'reg77b',
      role: 'regional',
      regionCode: '77',
      fullName: 'Петрова Анна Сергеевна',
      email: 'petrova@example.org',
    });
    expect(ok.status).toBe(201);
    const c = await server.client().login('reg77b', ok.body.oneTimePassword);
    expect((await c.get('/api/auth/session')).body.user).toMatchObject({
      role: 'regional',
      mustChangePassword: true,
    });
  });

  it('deactivating a user ends its sessions and refuses its sign-in', async () => {
    const admin = await server.client().login('admin');
    const u = (await admin.get('/api/users?q=reg06')).body.rows[0];
    const c = await server.client().login('reg06');
    expect((await admin.patch(`/api/users/${u.id}`, { isActive: false })).status).toBe(200);
    expect((await c.get('/api/auth/session')).status).toBe(401);
    expect((await server.client().post('/api/auth/login', { login: 'reg06', password: 'demo' })).status).toBe(
      401,
    );
    const self = (await admin.get('/api/users?q=admin')).body.rows[0];
    const selfRes = await admin.patch(`/api/users/${self.id}`, { isActive: false });
    expect(selfRes.status).toBe(400);
    expect(selfRes.body.detail).toBe('Нельзя деактивировать собственную учётную запись.');
  });

  it('only the federal operator writes the directory', async () => {
    for (const login of ['reg77', 'mun77001', 'sch770001']) {
      const c = await server.client().login(login);
      const res = await c.post('/api/organizations', {
        code: '779003',
        shortName: 'x',
        fullName: 'x',
        kind: 'school',
        municipalityId: mun77001,
      });
      expect(res.status, login).toBe(403);
      expect((await c.post('/api/users', { login: 'x1', role: 'federal' })).status, login).toBe(403);
    }
  });
});

describe('bad requests', () => {
  it('answers malformed JSON with 400 and an over-limit body with 413, both as problem+json', async () => {
    const admin = await server.client().login('admin');
    const before = await orgCount();
    const malformed = await admin.request('POST', '/api/organizations', {
      body: '{"code": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(malformed.body.detail).toBe('Тело запроса не является корректным JSON.');
    const huge = await admin.post('/api/organizations', {
      code: '779004',
      shortName: 'x',
      fullName: 'Ш'.repeat(5000),
      kind: 'school',
      municipalityId: mun77001,
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(huge.body.detail).toBe('Слишком большой запрос.');
    const wrongType = await admin.post('/api/organizations', {
      code: 779004,
      shortName: 'x',
      fullName: 'x',
      kind: 'school',
      municipalityId: String(mun77001),
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors.map((e: any) => e.path).sort()).toEqual([
      'body/code',
      'body/municipalityId',
    ]);
    expect(await orgCount()).toBe(before);
  });

  it('answers an unknown API path and a bad id with problem+json', async () => {
    const admin = await server.client().login('admin');
    const missing = await admin.get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const badId = await admin.get('/api/organizations/abc');
    expect(badId.status).toBe(400);
    const badQuery = await admin.get('/api/organizations?kind=university');
    expect(badQuery.status).toBe(400);
    expect((await admin.get('/api/organizations?page=9999')).body.rows).toEqual([]);
  });
});
