// Forms and collections, run by the federal operator: definitions checked with exact paths,
// frozen versions, participants by filter or by codes, close early, reopen, extend — each audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NIKO_CONTEXT_FORM } from '../src/server/demo/niko-form.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const smallForm = {
  title: 'Короткая форма',
  tables: [
    {
      key: 'staff',
      title: 'Кадры',
      columns: [{ key: 'n', header: 'Число', type: 'integer', min: 0 }],
      rows: { kind: 'fixed', items: [{ key: 'teachers', label: 'Учителя' }] },
    },
  ],
};

let seq = 0;
const uuid = () => `10000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

describe('forms', () => {
  it('publishes the JSON Schema of a definition', async () => {
    const c = await server.client().login('sch770001');
    const schema = (await c.get('/api/forms/schema.json')).body;
    expect(schema.type).toBe('object');
    expect(schema.properties.tables.type).toBe('array');
  });

  it('refuses an invalid definition with the exact path of each error, storing nothing', async () => {
    const admin = await server.client().login('admin');
    const def = structuredClone(NIKO_CONTEXT_FORM) as any;
    def.tables[1].columns[1].key = 'exp_0_3';
    def.tables[0].columns[1].min = 100;
    def.tables[0].columns[1].max = 1;
    def.rules.push({ key: 'ghost', message: 'm', left: ['pupils.g1.ghost'], op: '<=', right: [1] });
    const before = await admin.get('/api/forms');
    const res = await admin.post('/api/forms', { definition: def });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('Описание формы содержит ошибки.');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        {
          path: 'definition.tables[1].columns[1].key',
          message: 'Ключ столбца «exp_0_3» повторяется (см. tables[1].columns[0].key).',
        },
        { path: 'definition.tables[0].columns[1].min', message: 'Минимум больше максимума.' },
        {
          path: `definition.rules[${def.rules.length - 1}].left[0]`,
          message: 'Ссылка «pupils.g1.ghost»: нет столбца «ghost».',
        },
      ]),
    );
    expect((await admin.get('/api/forms')).body.rows).toEqual(before.body.rows);
    const check = await admin.post('/api/forms/check', { definition: def });
    expect(check.body.ok).toBe(false);
  });

  it('freezes a version once a collection uses it; changes go to a new version', async () => {
    const admin = await server.client().login('admin');
    const created = await admin.post('/api/forms', { definition: smallForm });
    expect(created.status).toBe(201);
    const vid = created.body.versionId;
    const edited = await admin.request('PUT', `/api/form-versions/${vid}`, {
      json: { definition: { ...smallForm, title: 'Короткая форма (испр.)' } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.frozen).toBe(false);
    const coll = await admin.post('/api/collections', {
      title: 'Проверка заморозки',
      formVersionId: vid,
      startsAt: inDays(-1),
      endsAt: inDays(5),
      participants: { codes: ['770001'] },
    });
    expect(coll.status).toBe(201);
    const refused = await admin.request('PUT', `/api/form-versions/${vid}`, {
      json: { definition: smallForm },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/используется в сборе данных/);
    expect((await admin.get(`/api/form-versions/${vid}`)).body.definition.title).toBe(
      'Короткая форма (испр.)',
    );
    // The database refuses too, whoever asks.
    await expect(
      server.database.db
        .updateTable('form_versions')
        .set({ definition: JSON.stringify(smallForm) })
        .where('id', '=', vid)
        .execute(),
    ).rejects.toThrow(/used by a collection/);
    const v2 = await admin.post(`/api/forms/${created.body.formId}/versions`, { definition: smallForm });
    expect(v2.body).toMatchObject({ version: 2 });
    const download = await admin.get(`/api/form-versions/${vid}/download`);
    expect(download.headers.get('content-disposition')).toMatch(/attachment/);
    expect(JSON.parse(download.text).title).toBe('Короткая форма (испр.)');
  });
});

describe('collections', () => {
  it('creates a collection by filters, closes it early, reopens and extends it, auditing each change', async () => {
    const admin = await server.client().login('admin');
    const vid = (await admin.post('/api/forms', { definition: smallForm })).body.versionId;
    const res = await admin.post('/api/collections', {
      title: 'Кадры колледжей Москвы',
      formVersionId: vid,
      startsAt: inDays(-1),
      endsAt: inDays(3),
      participants: { regionCodes: ['77'], kinds: ['spo'] },
    });
    expect(res.status).toBe(201);
    const id = res.body.id;
    const spo = await server.database.db
      .selectFrom('organizations')
      .select('id')
      .where('region_code', '=', '77')
      .where('kind', '=', 'spo')
      .execute();
    expect(res.body.participants).toBe(spo.length);

    const school = await server.database.db
      .selectFrom('responses as r')
      .innerJoin('organizations as o', 'o.id', 'r.organization_id')
      .innerJoin('users as u', 'u.organization_id', 'o.id')
      .select(['r.id', 'u.login'])
      .where('r.collection_id', '=', id)
      .executeTakeFirstOrThrow();
    const org = await server.client().login(school.login);
    const write = (value: string, base: number) =>
      org.post(`/api/responses/${school.id}/changes`, {
        changes: [{ id: uuid(), cell: 'staff.teachers.n', value, base }],
      });
    expect((await write('10', 0)).status).toBe(200);

    expect((await admin.post(`/api/collections/${id}/close`)).body.open).toBe(false);
    const closed = await write('11', 1);
    expect(closed.status).toBe(409);
    expect(closed.body.title).toBe('collection_closed');
    expect(closed.body.detail).toBe('Сбор данных закрыт: изменения больше не принимаются.');
    expect((await org.post(`/api/responses/${school.id}/submit`)).status).toBe(409);
    expect((await org.get(`/api/responses/${school.id}`)).body).toMatchObject({
      canEdit: false,
      cells: { 'staff.teachers.n': { value: '10', version: 1 } },
    });
    expect((await admin.post(`/api/collections/${id}/close`)).status).toBe(409);

    expect((await admin.post(`/api/collections/${id}/reopen`, {})).body.open).toBe(true);
    expect((await write('11', 1)).status).toBe(200);
    const extended = await admin.patch(`/api/collections/${id}`, { endsAt: inDays(10) });
    expect(new Date(extended.body.endsAt).getTime()).toBeGreaterThan(Date.now() + 9 * 86_400_000);
    const actions = await admin.get(`/api/audit?objectType=collection&objectId=${id}`);
    expect(actions.body.rows.map((r: any) => r.action).reverse()).toEqual([
      'collection.created',
      'collection.closed',
      'collection.reopened',
      'collection.extended',
    ]);
  });

  it('refuses a collection whose end has passed to write, and to reopen without a new end', async () => {
    const admin = await server.client().login('admin');
    const vid = (await admin.post('/api/forms', { definition: smallForm })).body.versionId;
    const res = await admin.post('/api/collections', {
      title: 'Прошедший',
      formVersionId: vid,
      startsAt: inDays(-10),
      endsAt: inDays(-1),
      participants: { codes: ['770003'] },
    });
    expect(res.status).toBe(201);
    const reopen = await admin.post(`/api/collections/${res.body.id}/reopen`, {});
    expect(reopen.status).toBe(400);
    expect(reopen.body.detail).toBe('Срок сбора истёк: чтобы открыть его снова, укажите новое окончание.');
    expect(
      (await admin.post(`/api/collections/${res.body.id}/reopen`, { endsAt: inDays(2) })).body.open,
    ).toBe(true);
  });

  it('refuses bad collections with clear messages and creates nothing', async () => {
    const admin = await server.client().login('admin');
    const before = (await admin.get('/api/collections')).body.rows.length;
    const base = {
      title: 'Сбор',
      formVersionId: 1,
      startsAt: inDays(0),
      endsAt: inDays(5),
      participants: { codes: ['770001'] },
    };
    const cases: [unknown, number, RegExp][] = [
      [{ ...base, endsAt: inDays(-1) }, 400, /Окончание сбора должно быть позже его начала/],
      [
        { ...base, participants: { codes: ['770001', '999999'] } },
        400,
        /Не найдены организации с кодами: 999999/,
      ],
      [
        { ...base, participants: { regionCodes: ['77'], codes: ['770001'] } },
        400,
        /либо по фильтрам, либо списком кодов/,
      ],
      [{ ...base, formVersionId: 99999 }, 400, /Версия формы не найдена/],
      [{ ...base, startsAt: '01.12.2026' }, 400, /ISO 8601/],
      [{ ...base, title: '' }, 400, /Запрос содержит ошибки/],
    ];
    for (const [body, status, message] of cases) {
      const res = await admin.post('/api/collections', body);
      expect({ status: res.status, text: res.text }).toEqual({
        status,
        text: expect.stringMatching(message),
      });
    }
    expect((await admin.get('/api/collections')).body.rows.length).toBe(before);
  });

  it('shows each role only the collections it takes part in or watches', async () => {
    const reg = await server.client().login('reg77');
    const regRows = (await reg.get('/api/collections')).body.rows;
    expect(regRows.length).toBeGreaterThanOrEqual(2);
    const other = await server.client().login('reg01');
    expect((await other.get('/api/collections')).body.rows).toEqual([]);
    for (const login of ['reg77', 'mun77001', 'sch770001']) {
      const c = await server.client().login(login);
      expect((await c.post('/api/collections', {})).status, login).toBe(403);
    }
  });
});
