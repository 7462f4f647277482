// «Выдать пароли» (issue 11 §3): a coordinator counts and then issues one-time passwords for
// organizations' accounts in its territory, chosen or never signed in. The answer is a zip of an
// xlsx and a PDF (one organization per page, with the portal's address); each password signs in
// once and must then be changed; the old one stops working; the audit counts and names no password;
// anything outside the scope is 404 and changes nothing.
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/server/db/migrate.js';
import type { Client } from './support/client.js';
import { createTestDatabase } from './support/database.js';
import { readPdf } from './support/pdf.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
const logLines: string[] = [];
const ids: Record<string, number> = {};

beforeAll(async () => {
  // Everything the app logs, down to debug, is kept, to show that no password reaches the log.
  server = await startTestServer({
    demo: true,
    startWorkers: false,
    logger: { level: 'debug', stream: { write: (line: string) => logLines.push(line) } },
  });
  const db = server.database.db;
  for (const o of await db
    .selectFrom('organizations')
    .select(['id', 'code'])
    .where('code', 'in', ['770001', '770002', '770003', '500001'])
    .execute())
    ids[`org${o.code}`] = o.id;
  for (const m of await db
    .selectFrom('municipalities')
    .select(['id', 'code'])
    .where('code', 'in', ['77001', '77002', '50001'])
    .execute())
    ids[`mun${m.code}`] = m.id;
});
afterAll(() => server.close());

type Row = { login: string; code: string; organization: string; password: string };

/** POSTs the issue as a browser would, and reads the zip's two files. */
async function issue(c: Client, body: unknown) {
  const res = await fetch(`${server.url}/api/one-time-passwords`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-csrf-token': await c.csrfToken(),
      cookie: `niko_session=${c.cookie('niko_session')}; niko_csrf=${c.cookie('niko_csrf')}`,
    },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) return { res, problem: await res.json() };
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const names = Object.keys(files).sort();
  const workbook = new ExcelJS.Workbook();
  const xlsx = files[names.find((n) => n.endsWith('.xlsx')) as string] as Uint8Array;
  await workbook.xlsx.load(xlsx.slice().buffer);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const rows: Row[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.values as string[];
    rows.push({
      login: v[1] as string,
      code: v[2] as string,
      organization: v[3] as string,
      password: v[5] as string,
    });
  });
  const pdf = await readPdf(files[names.find((n) => n.endsWith('.pdf')) as string] as Uint8Array);
  return { res, names, header, rows, pdf, problem: undefined };
}

async function countFor(c: Client, body: unknown) {
  return c.post('/api/one-time-passwords/count', body);
}

async function hashes() {
  return server.database.db
    .selectFrom('users')
    .select(['id', 'login', 'password_hash', 'must_change_password'])
    .orderBy('id')
    .execute();
}

async function signIn(login: string, password: string) {
  const c = server.client();
  const res = await c.post('/api/auth/login', { login, password });
  return { c, status: res.status };
}

describe('issuing for chosen organizations', () => {
  let rows: Row[] = [];

  it('counts first, then answers a zip of an xlsx and a PDF with one page per organization', async () => {
    const reg = await server.client().login('reg77');
    const chosen = { mode: 'organizations', organizationIds: [ids.org770001, ids.org770002] };
    const counted = await countFor(reg, chosen);
    expect(counted.status, counted.text).toBe(200);
    expect(counted.body).toEqual({ accounts: 2, organizations: 2, limit: 5000 });

    const before = await hashes();
    const out = await issue(reg, { ...chosen, expectedAccounts: 2 });
    expect(out.res.status).toBe(200);
    expect(out.res.headers.get('content-type')).toBe('application/zip');
    expect(out.res.headers.get('cache-control')).toMatch(/no-store/);
    expect(out.res.headers.get('content-disposition')).toMatch(/attachment/);
    expect(out.names).toEqual(['Пароли.pdf', 'Пароли.xlsx']);
    expect(out.header).toEqual([
      'Логин',
      'Код организации',
      'Организация',
      'Муниципалитет',
      'Одноразовый пароль',
    ]);
    rows = out.rows ?? [];
    expect(rows.map((r) => [r.login, r.code])).toEqual([
      ['sch770001', '770001'],
      ['sch770002', '770002'],
    ]);
    const orgNames = await server.database.db
      .selectFrom('organizations')
      .select(['code', 'full_name'])
      .where('code', 'in', ['770001', '770002'])
      .orderBy('code')
      .execute();
    expect(rows.map((r) => r.organization)).toEqual(orgNames.map((o) => o.full_name));
    for (const r of rows) expect(r.password).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(new Set(rows.map((r) => r.password)).size).toBe(2);

    // One page per organization, with its name, the portal's address, the login and the password.
    const pdf = out.pdf as Awaited<ReturnType<typeof readPdf>>;
    expect(pdf.pages).toHaveLength(2);
    for (const [i, page] of pdf.pages.entries()) {
      const r = rows[i] as Row;
      expect(page).toContain(server.url);
      expect(page).toContain(r.login);
      expect(page).toContain(r.password);
      expect(page).toContain(`Код организации: ${r.code}`);
      expect(page).toContain('задать новый пароль');
    }

    // Only these two accounts changed, and only their hashes (argon2id) are stored.
    const after = await hashes();
    const changed = after.filter((u, i) => u.password_hash !== before[i]?.password_hash);
    expect(changed.map((u) => u.login).sort()).toEqual(['sch770001', 'sch770002']);
    for (const u of changed) {
      expect(u.password_hash).toMatch(/^\$argon2id\$/);
      expect(u.must_change_password).toBe(true);
    }
  });

  it('the old password no longer works; the new one signs in once and must then be changed', async () => {
    const r = rows[0] as Row;
    expect((await signIn(r.login, 'demo')).status).toBe(401);
    const { c, status } = await signIn(r.login, r.password);
    expect(status).toBe(200);
    expect((await c.get('/api/auth/session')).body.user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/niko/data-collection');
    expect(blocked.status).toBe(403);
    expect(blocked.body.title).toBe('password_change_required');
    const changed = await c.post('/api/auth/password', {
      currentPassword: r.password,
      newPassword: 'Новый-пароль-2026',
    });
    expect(changed.status, changed.text).toBe(200);
    expect((await signIn(r.login, r.password)).status).toBe(401);
    expect((await signIn(r.login, 'Новый-пароль-2026')).status).toBe(200);
  });

  it('signs out the sessions opened with the old password', async () => {
    const school = await server.client().login('sch770003');
    expect((await school.get('/api/auth/session')).status).toBe(200);
    const reg = await server.client().login('reg77');
    const out = await issue(reg, {
      mode: 'organizations',
      organizationIds: [ids.org770003],
      expectedAccounts: 1,
    });
    expect(out.res.status).toBe(200);
    expect((await school.get('/api/auth/session')).status).toBe(401);
  });

  it('audits the count and never a password, in the log or the app’s log', async () => {
    const entries = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.one_time_passwords_issued')
      .orderBy('id')
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries[0]).toMatchObject({
      actor_login: 'reg77',
      details: { mode: 'organizations', accounts: 2, organizations: 2 },
    });
    const everything = JSON.stringify(await server.database.db.selectFrom('audit_log').selectAll().execute());
    const logs = logLines.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(everything).not.toContain(r.password);
      expect(logs).not.toContain(r.password);
    }
  });
});

describe('issuing for every account that has never signed in', () => {
  it('leaves out accounts that have signed in, and the municipal coordinator gets only its municipality', async () => {
    const db = server.database.db;
    const mun = await server.client().login('mun77001');
    const expected = await db
      .selectFrom('users as u')
      .innerJoin('organizations as o', 'o.id', 'u.organization_id')
      .select(['u.login'])
      .where('o.municipality_id', '=', ids.mun77001 as number)
      .where('u.last_sign_in_at', 'is', null)
      .where('u.is_active', '=', true)
      .where('o.is_active', '=', true)
      .orderBy('o.code')
      .execute();
    // sch770001 (mun 77001) signed in above: it is not among them.
    expect(expected.map((u) => u.login)).not.toContain('sch770001');
    expect(expected.length).toBeGreaterThan(0);
    const counted = await countFor(mun, { mode: 'neverSignedIn' });
    expect(counted.body).toMatchObject({ accounts: expected.length });
    const out = await issue(mun, { mode: 'neverSignedIn', expectedAccounts: expected.length });
    expect(out.res.status).toBe(200);
    expect(out.rows?.map((r) => r.login)).toEqual(expected.map((u) => u.login));
    expect(out.pdf?.pages.length).toBe(counted.body.organizations);
  });

  it('a regional coordinator may narrow it to one of its municipalities; an account that signs in drops out', async () => {
    const reg = await server.client().login('reg77');
    const selection = { mode: 'neverSignedIn', municipalityId: ids.mun77002 };
    const first = (await countFor(reg, selection)).body.accounts;
    expect(first).toBeGreaterThan(0);
    const out = await issue(reg, { ...selection, expectedAccounts: first });
    expect(out.res.status).toBe(200);
    const someone = (out.rows as Row[])[0] as Row;
    expect((await signIn(someone.login, someone.password)).status).toBe(200);
    expect((await countFor(reg, selection)).body.accounts).toBe(first - 1);
  });

  it('refuses a count that is no longer true (409) and changes nothing', async () => {
    const reg = await server.client().login('reg77');
    const selection = { mode: 'neverSignedIn', municipalityId: ids.mun77002 };
    const now = (await countFor(reg, selection)).body.accounts;
    const before = await hashes();
    const out = await issue(reg, { ...selection, expectedAccounts: now + 1 });
    expect(out.res.status).toBe(409);
    expect(out.problem.detail).toMatch(/изменилось/);
    expect(await hashes()).toEqual(before);
  });
});

describe('scope and roles', () => {
  const selections = () => ({
    reg77: [
      { mode: 'organizations', organizationIds: [ids.org500001] },
      { mode: 'organizations', organizationIds: [ids.org770002, ids.org500001] },
      { mode: 'organizations', organizationIds: [999_999] },
      { mode: 'neverSignedIn', regionCode: '50' },
      { mode: 'neverSignedIn', municipalityId: ids.mun50001 },
    ],
    mun77001: [
      { mode: 'organizations', organizationIds: [ids.org770002] },
      { mode: 'organizations', organizationIds: [ids.org770001, ids.org500001] },
      { mode: 'neverSignedIn', municipalityId: ids.mun77002 },
      { mode: 'neverSignedIn', regionCode: '50' },
    ],
    admin: [
      { mode: 'organizations', organizationIds: [999_999] },
      { mode: 'neverSignedIn', regionCode: '99' },
      { mode: 'neverSignedIn', municipalityId: 999_999 },
    ],
  });

  it.each(['reg77', 'mun77001', 'admin'] as const)(
    '%s: out of scope is 404 and nothing changes',
    async (login) => {
      const c = await server.client().login(login);
      const before = await hashes();
      for (const selection of selections()[login]) {
        const counted = await countFor(c, selection);
        expect({ selection, status: counted.status }).toEqual({ selection, status: 404 });
        const out = await issue(c, { ...selection, expectedAccounts: 1 });
        expect({ selection, status: out.res.status }).toEqual({ selection, status: 404 });
        expect(out.res.headers.get('content-type')).toMatch(/problem\+json/);
      }
      expect(await hashes()).toEqual(before);
    },
  );

  it('the federal operator issues anywhere', async () => {
    const admin = await server.client().login('admin');
    const counted = await countFor(admin, { mode: 'organizations', organizationIds: [ids.org500001] });
    expect(counted.body).toMatchObject({ accounts: 1, organizations: 1 });
    const out = await issue(admin, {
      mode: 'organizations',
      organizationIds: [ids.org500001],
      expectedAccounts: 1,
    });
    expect(out.rows?.map((r) => r.login)).toEqual(['sch500001']);
  });

  it('a school is refused (403), a stranger must sign in (401), and nothing changes', async () => {
    const before = await hashes();
    const school = await server.client().login('sch500002');
    const anonymous = server.client();
    const body = { mode: 'organizations', organizationIds: [ids.org500001] };
    for (const [c, status] of [
      [school, 403],
      [anonymous, 401],
    ] as const) {
      expect((await countFor(c, body)).status).toBe(status);
      expect((await c.post('/api/one-time-passwords', { ...body, expectedAccounts: 1 })).status).toBe(status);
    }
    expect(await hashes()).toEqual(before);
  });

  it('bad input is a 400 with a Russian message, and nothing changes', async () => {
    const reg = await server.client().login('reg77');
    const before = await hashes();
    const bad = [
      {},
      { mode: 'organizations', organizationIds: [] },
      { mode: 'organizations', organizationIds: ['1'] },
      { mode: 'everyone' },
      { mode: 'neverSignedIn', regionCode: 'x' },
      { mode: 'organizations', organizationIds: [ids.org770001], extra: 1 },
    ];
    for (const body of bad) {
      for (const path of ['/api/one-time-passwords/count', '/api/one-time-passwords']) {
        const res = await reg.post(path, path.endsWith('count') ? body : { ...body, expectedAccounts: 1 });
        expect({ body, path, status: res.status }).toEqual({ body, path, status: 400 });
        expect(res.body.detail).toMatch(/[А-Яа-яЁё]/);
      }
    }
    const missingCount = await reg.post('/api/one-time-passwords', {
      mode: 'organizations',
      organizationIds: [ids.org770001],
    });
    expect(missingCount.status).toBe(400);
    expect(await hashes()).toEqual(before);
  });

  it('an organization without an active account gives nothing to issue (400)', async () => {
    const db = server.database.db;
    await db.updateTable('users').set({ is_active: false }).where('login', '=', 'sch770004').execute();
    const reg = await server.client().login('reg77');
    const org = await db
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', '770004')
      .executeTakeFirstOrThrow();
    const counted = await countFor(reg, { mode: 'organizations', organizationIds: [org.id] });
    expect(counted.body).toMatchObject({ accounts: 0, organizations: 0 });
    const out = await issue(reg, { mode: 'organizations', organizationIds: [org.id], expectedAccounts: 1 });
    expect(out.res.status).toBe(400);
    expect(out.problem.detail).toMatch(/нет действующих учётных записей/);
  });
});

describe('migration 0017', () => {
  it('takes the last sign-in of accounts that signed in before it from the audit log', async () => {
    const database = await createTestDatabase({ migrated: false });
    try {
      await migrate(database.pool, { before: '0017' });
      const { rows: users } = await sql<{ id: number; login: string }>`
        INSERT INTO users (login, password_hash, role)
        VALUES ('signedin', 'x', 'federal'), ('never', 'x', 'federal') RETURNING id, login`.execute(
        database.db,
      );
      const signedIn = users.find((u) => u.login === 'signedin')?.id;
      const never = users.find((u) => u.login === 'never')?.id;
      await sql`
        INSERT INTO audit_log (at, actor_user_id, actor_login, action) VALUES
          ('2026-11-01T09:00:00Z', ${signedIn}, 'signedin', 'auth.login'),
          ('2026-11-20T09:00:00Z', ${signedIn}, 'signedin', 'auth.login'),
          ('2026-11-25T09:00:00Z', ${never}, 'never', 'auth.password_changed')`.execute(database.db);
      expect(await migrate(database.pool)).toContain('0017_last_sign_in.sql');
      const after = await database.db
        .selectFrom('users')
        .select(['login', 'last_sign_in_at'])
        .orderBy('login')
        .execute();
      expect(after).toEqual([
        { login: 'never', last_sign_in_at: null },
        { login: 'signedin', last_sign_in_at: new Date('2026-11-20T09:00:00Z') },
      ]);
    } finally {
      await database.close();
    }
  });
});
