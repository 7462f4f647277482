// Issue 9, finding 5: an id or a version beyond PostgreSQL's int4 (2^31 − 1) in a body or a query
// is refused by the schema with 400 and the field's name, never a 500, and nothing is stored.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPgError, pgErrorToProblem } from '../../src/server/http/pg-errors.js';
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

const HUGE = 99_999_999_999;
const TOO_BIG = 'Значение не должно быть больше 2147483647.';

type Case = { who: () => Client; method: string; path: () => string; json?: () => unknown; field: string };

const CASES: Case[] = [
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/collections',
    json: () => ({
      title: 'Сбор',
      formVersionId: HUGE,
      startsAt: '2026-01-01T00:00:00+03:00',
      endsAt: '2026-02-01T00:00:00+03:00',
      participants: { codes: ['770001'] },
    }),
    field: 'body/formVersionId',
  },
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/organizations',
    json: () => ({
      code: '779992',
      shortName: 'Школа',
      fullName: 'Школа',
      kind: 'school',
      municipalityId: HUGE,
    }),
    field: 'body/municipalityId',
  },
  {
    who: () => admin,
    method: 'PATCH',
    path: () => `/api/organizations/${ids.organization}`,
    json: () => ({ municipalityId: HUGE }),
    field: 'body/municipalityId',
  },
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/users',
    json: () => ({ login: 'big-mun', role: 'municipal', regionCode: '77', municipalityId: HUGE }),
    field: 'body/municipalityId',
  },
  {
    who: () => admin,
    method: 'POST',
    path: () => '/api/users',
    json: () => ({ login: 'big-org', role: 'organization', organizationId: HUGE }),
    field: 'body/organizationId',
  },
  {
    who: () => school,
    method: 'POST',
    path: () => `/api/responses/${ids.response}/changes`,
    json: () => ({
      changes: [
        { id: '30000000-0000-4000-8000-000000000001', cell: 'pupils.g1.boys', value: '1', base: HUGE },
      ],
    }),
    field: 'body/changes/0/base',
  },
  {
    who: () => admin,
    method: 'GET',
    path: () => `/api/audit?beforeId=${HUGE}`,
    field: 'querystring/beforeId',
  },
  {
    who: () => admin,
    method: 'GET',
    path: () => `/api/organizations?municipalityId=${HUGE}`,
    field: 'querystring/municipalityId',
  },
  { who: () => admin, method: 'GET', path: () => `/api/organizations/${HUGE}`, field: 'params/id' },
];

describe('a number beyond int4', () => {
  it('in an id or a version of any body, query or path is a 400 naming the field; nothing is stored', async () => {
    const before = await databaseDigest(server.database.db);
    for (const c of CASES) {
      const label = `${c.method} ${c.path()}`;
      const res = await c.who().request(c.method, c.path(), { json: c.json?.() });
      expect(res.status, `${label}: ${res.text}`).toBe(400);
      expect(res.body.detail, label).toBe('Запрос содержит ошибки.');
      expect(res.body.errors, label).toEqual([{ path: c.field, message: TOO_BIG }]);
    }
    expect(await databaseDigest(server.database.db)).toEqual(before);
  });
});

describe('the last line, should a number get past the schemas', () => {
  it("turns PostgreSQL's out-of-range refusal into a 400 with a Russian message", async () => {
    const err = await server.database.db
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', HUGE)
      .execute()
      .catch((e: unknown) => e);
    expect(isPgError(err) && err.code).toBe('22003');
    const problem = pgErrorToProblem(err as { code: string });
    expect(problem?.status).toBe(400);
    expect(problem?.message).toBe('Число вне допустимого диапазона.');
  });
});
