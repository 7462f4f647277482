// Losing the database must never end the server. A connection the server ends (pg_terminate_backend,
// a restart, a failover) or a database that vanishes answers the requests caught in it with 503
// problem+json and Retry-After; the process stays up, and once the database answers again so does
// the portal. The real entry point runs as a child process, as in production. PostgreSQL only:
// the embedded PGlite lives inside the process and cannot be lost this way.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seed.js';
import { isDatabaseUnavailable } from '../../src/server/http/pg-errors.js';
import { Client, type Response } from '../support/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type ServerProcess, startServerProcess } from '../support/process.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait.js';

const onPostgres = !!process.env.DATABASE_URL;
let database: TestDatabase;
let proxy: TcpProxy;
let server: ServerProcess;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  await seedDemo(database.db);
  const url = new URL(database.url as string);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.port = String(proxy.port);
  server = await startServerProcess({
    DATABASE_URL: url.toString(),
    SEED_DEMO: 'never',
    DATABASE_POOL_SIZE: '6',
  });
});

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await database?.close();
});

let seq = 0;
const changeId = () => `00000000-0000-4000-9000-${String(++seq).padStart(12, '0')}`;

async function openResponseId(c: Client): Promise<number> {
  const blocks = (await c.get('/api/niko/data-collection')).body.rows;
  return blocks.find((b: { open: boolean }) => b.open).responseId;
}

function expectUnavailable(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.detail).toMatch(/временно недоступен/);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

/** The server's backends that wait for a lock the test holds. */
async function waitingForLocks(holder: pg.Client): Promise<number> {
  const { rows } = await holder.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
  );
  return rows[0].n;
}

describe.skipIf(!onPostgres)('a database connection lost under a request', () => {
  it('answers the requests caught in it with 503, stays up, and serves the next requests', async () => {
    const school = await new Client(server.url).login('sch770002');
    const reader = await new Client(server.url).login('reg77');
    const responseId = await openResponseId(school);
    const change = { id: changeId(), cell: 'pupils.g1.boys', value: '21', base: 0 };
    const before = (await school.get(`/api/responses/${responseId}`)).body.cells['pupils.g1.boys'];
    change.base = before?.version ?? 0;

    // The test's own connection holds locks, so that two requests stop inside the database:
    // autosave inside its transaction (waiting for the participant's row), a list mid-query.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM responses WHERE id = $1 FOR UPDATE', [responseId]);
    await holder.query('LOCK TABLE publications IN ACCESS EXCLUSIVE MODE');
    const save = school.post(`/api/responses/${responseId}/changes`, { changes: [change] });
    const list = reader.get('/api/publications');
    await waitFor(async () => (await waitingForLocks(holder)) >= 2, 'both requests waiting for a lock');

    await holder.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expectUnavailable(await save);
    expectUnavailable(await list);
    await holder.query('ROLLBACK');
    await holder.end();

    expect(server.child.exitCode).toBeNull();
    // Nothing of the cut-off change was stored, and sending it again (as the browser does) applies it once.
    const retried = await school.post(`/api/responses/${responseId}/changes`, { changes: [change] });
    expect(retried.status).toBe(200);
    expect(retried.body.results[0]).toMatchObject({ status: 'applied', value: '21' });
    expect((await reader.get('/api/publications')).status).toBe(200);
    expect(server.logs().some((l) => l.msg === 'shutting down after an error')).toBe(false);
    expect(server.logs().some((l) => l.msg === 'database connection lost')).toBe(true);
  });

  it('survives a connection ended while it is idle inside a transaction', async () => {
    // The state no request can be held in on purpose: between two statements of a transaction.
    const killer = new pg.Client({ connectionString: database.url });
    await killer.connect();
    const failure = await database.db
      .transaction()
      .execute(async (tx) => {
        const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx)).rows[0]?.pid;
        await killer.query('SELECT pg_terminate_backend($1)', [pid]);
        await sql`SELECT 1`.execute(tx);
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    await killer.end();
    expect(isDatabaseUnavailable(failure)).toBe(true);
    // The pool replaced the dead connection.
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db)).rows[0]?.one).toBe(1);
  });
});

describe.skipIf(!onPostgres)('the database unreachable for a while', () => {
  it('answers 503 with Retry-After, not 500, and recovers on its own when it is back', async () => {
    const school = await new Client(server.url).login('sch770005');
    const responseId = await openResponseId(school);
    // The session's CSRF token first, as the page holds it: the write below must be refused for the
    // database, not sent without a token.
    await school.csrfToken();
    await proxy.cut();
    try {
      expectUnavailable(await school.get('/api/auth/session'));
      expectUnavailable(
        await school.post(`/api/responses/${responseId}/changes`, {
          changes: [{ id: changeId(), cell: 'pupils.g2.boys', value: '5', base: 0 }],
        }),
      );
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(server.child.exitCode).toBeNull();
    } finally {
      await proxy.restore();
    }
    await waitFor(async () => (await fetch(`${server.url}/readyz`)).ok, 'ready again');
    // The session lives in the database, so it survived the outage.
    expect((await school.get('/api/auth/session')).status).toBe(200);
    expect(server.logs().some((l) => l.level === 50 && l.msg === 'request failed')).toBe(false);
  });
});
