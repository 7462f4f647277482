// Finding 4 of issue 9: text PostgreSQL cannot store — a NUL character, a lone UTF-16 surrogate —
// in any string of any route is a 400 with a Russian message naming the field, never a 500, and
// nothing is stored. Signed in or not.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPgError, pgErrorToProblem } from '../../src/server/http/pg-errors.js';
import { ORG_COLUMNS, XLSX_TYPE, xlsx } from '../import/files.js';
import type { Client } from '../support/client.js';
import { databaseDigest } from '../support/digest.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { type DemoTargets, demoTargets } from './demo-targets.js';

let server: TestServer;
let admin: Client;
let school: Client;
let ids: DemoTargets['ids'];

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  ({ admin, school, ids } = await demoTargets(server));
});
afterAll(() => server.close());

const NUL = '\u0000';
const SURROGATE = '\ud800';
const smallForm = (title: string) => ({
  title,
  tables: [
    {
      key: 'staff',
      title: 'Кадры',
      columns: [{ key: 'n', header: 'Число', type: 'integer', min: 0 }],
      rows: { kind: 'fixed', items: [{ key: 'teachers', label: 'Учителя' }] },
    },
  ],
});

type Case = {
  who: () => Client;
  method: string;
  path: () => string;
  json?: (bad: string) => unknown;
  field: string;
};

/** Requests that take text where people type: each is sent with a NUL and with a lone surrogate. */
const BODY_CASES: Case[] = [
  {
    who: () => server.client(),
    method: 'POST',
    path: () => '/api/auth/login',
    json: (b) => ({ login: `adm${b}in`, password: 'demo' }),
    field: 'login',
  },
  {
    who: () => server.client(),
    method: 'POST',
    path: () => '/api/auth/login',
    json: (b) => ({ login: 'admin', password: `de${b}mo` }),
    field: 'password',
  },
  {
    who: () => school,
    method: 'POST',
    path: () => `/api/responses/${ids.response}/changes`,
    json: (b) => ({
      changes: [
        { id: '20000000-0000-4000-8000-000000000001', cell: 'pupils.g1.boys', value: `a${b}b`, base: 0 },
      ],
    }),
    field: 'changes/0/value',
  },
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/organizations',
    json: (b) => ({
      code: '779991',
      shortName: `Школа${b}`,
      fullName: 'Школа',
      kind: 'school',
      municipalityId: ids.municipality,
    }),
    field: 'shortName',
  },
  {
    who: () => admin,
    method: 'PATCH',
    path: () => `/api/organizations/${ids.organization}`,
    json: (b) => ({ fullName: `Школа ${b}` }),
    field: 'fullName',
  },
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/users',
    json: (b) => ({ login: 'nul-user', role: 'federal', fullName: `Иван${b}` }),
    field: 'fullName',
  },
  {
    who: () => admin,
    method: 'PATCH',
    path: () => `/api/users/${ids.user}`,
    json: (b) => ({ fullName: `Пётр${b}` }),
    field: 'fullName',
  },
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/publications',
    json: (b) => ({ title: `Новость${b}` }),
    field: 'title',
  },
  {
    who: () => admin,
    method: 'PATCH',
    path: () => `/api/publications/${ids.publication}`,
    json: (b) => ({ bodyMarkdown: `текст${b}` }),
    field: 'bodyMarkdown',
  },
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/publications/preview',
    json: (b) => ({ bodyMarkdown: `текст${b}` }),
    field: 'bodyMarkdown',
  },
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/forms',
    json: (b) => ({ definition: smallForm(`Форма${b}`) }),
    field: 'definition/title',
  },
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/forms/check',
    json: (b) => ({ definition: smallForm(`Форма${b}`) }),
    field: 'definition/title',
  },
  {
    who: () => admin,
    method: 'PUT',
    path: () => `/api/form-versions/${ids.formVersion}`,
    json: (b) => ({ definition: smallForm(`Форма${b}`) }),
    field: 'definition/title',
  },
  {
    who: () => admin,
    method: 'PATCH',
    path: () => `/api/collections/${ids.collection}`,
    json: (b) => ({ title: `Сбор${b}` }),
    field: 'title',
  },
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/collections',
    json: (b) => ({
      title: `Сбор${b}`,
      formVersionId: ids.formVersion,
      startsAt: '2026-01-01T00:00:00+03:00',
      endsAt: '2026-02-01T00:00:00+03:00',
      participants: { codes: ['770001'] },
    }),
    field: 'title',
  },
  {
    who: () => school,
    method: 'POST',
    path: () => '/api/auth/password',
    json: (b) => ({ currentPassword: `de${b}mo`, newPassword: 'Novyi-parol-2026' }),
    field: 'currentPassword',
  },
];

/** Every search and filter that takes text, with `%00`. */
const QUERY_CASES: Case[] = [
  { who: () => admin, method: 'GET', path: () => '/api/organizations?q=%00', field: 'q' },
  { who: () => admin, method: 'GET', path: () => '/api/users?q=ab%00', field: 'q' },
  { who: () => admin, method: 'GET', path: () => '/api/municipalities?q=%00', field: 'q' },
  { who: () => admin, method: 'GET', path: () => '/api/publications?q=%00', field: 'q' },
  {
    who: () => admin,
    method: 'GET',
    path: () => `/api/monitoring/collections/${ids.collection}/participants?q=%00`,
    field: 'q',
  },
  { who: () => admin, method: 'GET', path: () => '/api/audit?actor=%00', field: 'actor' },
  { who: () => admin, method: 'GET', path: () => '/api/audit?action=%00', field: 'action' },
  { who: () => admin, method: 'GET', path: () => '/api/audit?objectType=%00', field: 'objectType' },
  { who: () => admin, method: 'GET', path: () => '/api/audit?objectId=%00', field: 'objectId' },
  {
    who: () => admin,
    method: 'GET',
    path: () => `/api/responses/${ids.response}/history?cell=pupils.%00`,
    field: 'cell',
  },
  { who: () => admin, method: 'GET', path: () => '/api/regions/7%00', field: 'code' },
];

const WHAT = '(нулевой байт \\(U\\+0000\\)|одиночный суррогат UTF-16 \\(битый символ\\))';

function expectRefused(res: { status: number; body: any }, field: string, label: string) {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body.detail, label).toMatch(
    new RegExp(`^Поле «${field}» содержит недопустимый символ: ${WHAT}\\. Удалите его и повторите\\.$`),
  );
  expect(res.body.errors?.[0]?.path, label).toMatch(new RegExp(`^(body|querystring|params)/${field}$`));
}

describe('a NUL or a lone surrogate', () => {
  it('in any field people type into is a 400 naming the field, and nothing is stored', async () => {
    const before = await databaseDigest(server.database.db);
    for (const c of BODY_CASES) {
      for (const bad of [NUL, SURROGATE]) {
        const label = `${c.method} ${c.path()} ${bad === NUL ? 'NUL' : 'surrogate'}`;
        const res = await c.who().request(c.method, c.path(), { json: c.json?.(bad) });
        expectRefused(res, c.field, label);
        expect(res.body.detail, label).toMatch(
          bad === NUL ? /нулевой байт \(U\+0000\)/ : /одиночный суррогат/,
        );
      }
    }
    for (const c of QUERY_CASES) {
      const res = await c.who().request(c.method, c.path());
      expectRefused(res, c.field, `${c.method} ${c.path()}`);
    }
    expect(await databaseDigest(server.database.db)).toEqual(before);
    // The accounts still work.
    await server.client().login('admin');
  });

  it('anywhere in any route (path, query, body, a key) is refused the same way', async () => {
    const before = await databaseDigest(server.database.db);
    const missed: string[] = [];
    const routes = server.app.routeList.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    // Signing out last: were it not refused, the other routes would still meet a signed-in user.
    routes.sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
    for (const route of routes) {
      const path = route.url.replace(/:[a-zA-Z]+/g, '%00');
      const withQuery = `${route.url.replace(':code', '77').replace(/:[a-zA-Z]+/g, '1')}?q=%00`;
      const tries: [string, unknown, string][] = [[withQuery, undefined, 'querystring/q']];
      if (path !== route.url) tries.push([path, undefined, 'params/']);
      if (!['GET', 'DELETE'].includes(route.method))
        tries.push([route.url.replace(/:[a-zA-Z]+/g, '1'), { 'k\u0000': 1 }, 'body/k�']);
      for (const [p, json, where] of tries) {
        // Someone the route lets in: the refusal of a role comes before any input is read.
        const answers = [];
        for (const who of [admin, school]) answers.push(await who.request(route.method, p, { json }));
        const refused = answers.find(
          (a) => a.status === 400 && /недопустимый символ/.test(a.body.detail ?? ''),
        );
        if (!refused?.body.errors?.[0]?.path.startsWith(where))
          missed.push(`${route.method} ${p} → ${answers.map((a) => a.status).join('/')}`);
      }
    }
    expect(missed).toEqual([]);
    expect(await databaseDigest(server.database.db)).toEqual(before);
  });
});

describe('a NUL or a lone surrogate in an imported file', () => {
  it('refuses an XLSX whose cell spells one (`_x0000_`), naming the cell, and stores nothing', async () => {
    // The refusal itself is audited (directory.import_refused); nothing else may change.
    const stored = async () => ({ ...(await databaseDigest(server.database.db)), audit_log: '' });
    const before = await stored();
    for (const [hidden, what] of [
      ['_x0000_', 'нулевой байт (U+0000)'],
      ['_xD800_', 'одиночный суррогат UTF-16 (битый символ)'],
    ]) {
      const book = await xlsx([ORG_COLUMNS, ['779990', `Школа ${hidden}`, 'Школа', 'school', '77', '77001']]);
      const res = await admin.upload(
        '/api/import/organizations',
        { name: 'schools.xlsx', content: book, type: XLSX_TYPE },
        { mode: 'valid-only' },
      );
      expect(res.status, res.text).toBe(422);
      expect(res.body).toMatchObject({ title: 'import_refused', applied: false, created: 0 });
      expect(res.body.refused).toEqual([
        {
          row: 1,
          errors: [
            {
              column: '',
              message: `Ячейка B2 содержит недопустимый символ: ${what}. Исправьте её и загрузите файл снова`,
            },
          ],
        },
      ]);
    }
    expect(await stored()).toEqual(before);
  });
});

describe('the last line, should a NUL get past the guard', () => {
  it("turns PostgreSQL's refusal of it, in text and in jsonb, into a 400 with a Russian message", async () => {
    for (const query of [
      sql`SELECT ${'a\u0000b'}::text`,
      sql`SELECT ${JSON.stringify({ a: 'a\u0000b' })}::jsonb`,
    ]) {
      const err = await query.execute(server.database.db).catch((e: unknown) => e);
      expect(isPgError(err) && ['22021', '22P05'].includes(String(err.code)), String(err)).toBe(true);
      const problem = pgErrorToProblem(err as { code: string });
      expect(problem?.status).toBe(400);
      expect(problem?.message).toBe('Текст содержит недопустимый символ (нулевой байт или битый символ).');
    }
  });
});
