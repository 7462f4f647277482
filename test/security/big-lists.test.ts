// Issue 9, finding 5: a collection's participants given as a list of 100,000 codes — as many as the
// schema allows — are looked up in one array parameter, not one parameter per code, which would
// pass PostgreSQL's cap of 65,535 parameters a statement and answer 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { databaseDigest } from '../support/digest.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: Client;
let formVersionId: number;
let activeCodes: string[];

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  admin = await server.client().login('admin');
  const db = server.database.db;
  formVersionId = (await db.selectFrom('form_versions').select('id').limit(1).executeTakeFirstOrThrow()).id;
  const rows = await db.selectFrom('organizations').select('code').where('is_active', '=', true).execute();
  activeCodes = rows.map((r) => r.code);
});
afterAll(() => server.close());

const MAX_CODES = 100_000;

/** `codes` repeated until the list is as long as the schema allows. */
function fill(codes: string[]) {
  return Array.from({ length: MAX_CODES }, (_, i) => codes[i % codes.length] as string);
}

function collection(codes: string[]) {
  return {
    title: 'Сбор по списку кодов',
    formVersionId,
    startsAt: '2026-01-01T00:00:00+03:00',
    endsAt: '2027-01-01T00:00:00+03:00',
    participants: { codes },
  };
}

describe('a list of 100,000 organization codes', () => {
  it('of unknown codes is refused with 400 naming them, and nothing is stored', async () => {
    const unknown = Array.from({ length: MAX_CODES }, (_, i) => `99${String(i % 10_000).padStart(4, '0')}`);
    const before = await databaseDigest(server.database.db);
    const res = await admin.post('/api/collections', collection(unknown));
    expect(res.status, res.text.slice(0, 300)).toBe(400);
    expect(res.body.detail).toMatch(/^Не найдены организации с кодами: 990000, 990001, /);
    expect(res.body.errors).toEqual([{ path: 'participants.codes', message: `Неизвестных кодов: 10000.` }]);
    expect(await databaseDigest(server.database.db)).toEqual(before);
  });

  it('of known codes creates the collection with each organization once', async () => {
    const res = await admin.post('/api/collections', collection(fill(activeCodes)));
    expect(res.status, res.text.slice(0, 300)).toBe(201);
    expect(res.body.participants).toBe(activeCodes.length);
  });

  it('adds participants to an existing collection the same way', async () => {
    const created = await admin.post('/api/collections', collection(activeCodes.slice(0, 1)));
    expect(created.status).toBe(201);
    const res = await admin.post(`/api/collections/${created.body.id}/participants`, {
      codes: fill(activeCodes),
    });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.body.added).toBe(activeCodes.length - 1);
  });
});
