// The database limits every request's wait (db/timeouts.ts): a stalled peer that holds row locks
// (a paused process, a forgotten transaction) makes another process's request give up after the
// lock timeout with 503 and Retry-After, instead of waiting as long as the peer stalls.
// PostgreSQL only: PGlite runs one transaction at a time and has no timers to enforce limits.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, type TestServer } from '../support/server.js';

const onPostgres = !!process.env.DATABASE_URL;
const timeouts = { statementMs: 4000, lockMs: 300, idleInTransactionMs: 2000, connectMs: 5000 };
let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase({ timeouts });
  await seedDemo(database.db);
  server = await startTestServer({ database });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

describe('the database timeouts', () => {
  it('are read from the environment, with defaults', () => {
    expect(loadConfig({}).databaseTimeouts).toEqual({
      statementMs: 60_000,
      lockMs: 10_000,
      idleInTransactionMs: 60_000,
      connectMs: 10_000,
    });
    const set = loadConfig({
      DATABASE_STATEMENT_TIMEOUT_MS: '1500',
      DATABASE_LOCK_TIMEOUT_MS: '0',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2500',
      DATABASE_CONNECT_TIMEOUT_MS: '3500',
    }).databaseTimeouts;
    expect(set).toEqual({ statementMs: 1500, lockMs: 0, idleInTransactionMs: 2500, connectMs: 3500 });
    expect(() => loadConfig({ DATABASE_LOCK_TIMEOUT_MS: '-1' })).toThrow(/DATABASE_LOCK_TIMEOUT_MS/);
  });

  it.skipIf(!onPostgres)('are set on every connection of the pool', async () => {
    const show = async (name: string) =>
      (await sql<{ v: string }>`SELECT current_setting(${name}) AS v`.execute(database.db)).rows[0]?.v;
    expect(await show('statement_timeout')).toBe('4s');
    expect(await show('lock_timeout')).toBe('300ms');
    expect(await show('idle_in_transaction_session_timeout')).toBe('2s');
  });

  it.skipIf(!onPostgres)(
    'a stalled peer holding a participant’s row makes autosave give up with 503, not wait for it',
    async () => {
      const school = await server.client().login('sch770002');
      const blocks = (await school.get('/api/niko/data-collection')).body.rows;
      const responseId = blocks.find((b: { open: boolean }) => b.open).responseId;
      const peer = new pg.Client({ connectionString: database.url });
      await peer.connect();
      try {
        await peer.query('BEGIN');
        await peer.query('SELECT 1 FROM responses WHERE id = $1 FOR UPDATE', [responseId]);
        // The peer keeps its lock for as long as this test runs: only the lock timeout can end the wait.
        const res = await school.post(`/api/responses/${responseId}/changes`, {
          changes: [
            { id: '00000000-0000-4000-a000-000000000001', cell: 'pupils.g1.boys', value: '3', base: 0 },
          ],
        });
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        const stillHeld = await peer.query('SELECT 1 FROM responses WHERE id = $1', [responseId]);
        expect(stillHeld.rowCount).toBe(1);
      } finally {
        await peer.query('ROLLBACK').catch(() => {});
        await peer.end();
      }
      // Nothing of the refused change was stored.
      const stored = await database.db
        .selectFrom('cell_changes')
        .select('change_id')
        .where('change_id', '=', '00000000-0000-4000-a000-000000000001')
        .execute();
      expect(stored).toEqual([]);
    },
  );
});
