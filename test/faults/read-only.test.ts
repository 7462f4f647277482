// A database that only reads: after a failover, DATABASE_URL may lead to a demoted primary or a
// standby, where every write fails with 25006 (read_only_sql_transaction). That is the database being
// unavailable for this service, not a fault of the request: 503 problem+json with Retry-After, which
// the browser's autosave queue waits out and resends, nothing stored, /readyz not ready (so that the
// load balancer says so too), and writes go through again once the database takes them. PostgreSQL only; the real entry point as a child process.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seed.js';
import { Client } from '../support/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type ServerProcess, startServerProcess } from '../support/process.js';
import { waitFor } from '../support/wait.js';

const onPostgres = !!process.env.DATABASE_URL;
let database: TestDatabase;
let server: ServerProcess;
let admin: pg.Client;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  await seedDemo(database.db);
  server = await startServerProcess({ DATABASE_URL: database.url as string, SEED_DEMO: 'never' });
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await server?.stop();
  await database?.close();
});

/** Every connection to the test's database but the admin's ends; new ones get the database's settings. */
async function reconnectEveryone() {
  await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
}

async function readOnly(on: boolean) {
  const name = database.name;
  await admin.query(
    on
      ? `ALTER DATABASE ${name} SET default_transaction_read_only = on`
      : `ALTER DATABASE ${name} RESET default_transaction_read_only`,
  );
  await reconnectEveryone();
}

describe.skipIf(!onPostgres)('a database that only reads', () => {
  it('answers 503 with Retry-After, stores nothing, and saves once the database writes again', async () => {
    const school = await new Client(server.url).login('sch770003');
    const blocks = (await school.get('/api/niko/data-collection')).body.rows;
    const responseId = blocks.find((b: { open: boolean }) => b.open).responseId;
    const cell = 'pupils.g3.boys';
    const base = (await school.get(`/api/responses/${responseId}`)).body.cells[cell]?.version ?? 0;
    const change = { id: '00000000-0000-4000-9000-0000000000ab', cell, value: '17', base };
    const stored = async () =>
      (await admin.query('SELECT count(*)::int AS n FROM cell_changes WHERE change_id = $1', [change.id]))
        .rows[0].n as number;

    // The session's CSRF token first, as the page holds it: fetched lazily, it would be asked for
    // on a connection that readOnly() just ended, and the write then sent without one.
    await school.csrfToken();
    await readOnly(true);
    try {
      // The first request may meet a connection that was just ended: also a 503. Every one must be.
      for (let i = 0; i < 3; i++) {
        const res = await school.post(`/api/responses/${responseId}/changes`, { changes: [change] });
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body.detail).toMatch(/временно недоступен/);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(await stored()).toBe(0);
      // Not ready: HAProxy takes the nodes out and answers its own 503 with Retry-After.
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).detail).toMatch(/только для чтения/);
    } finally {
      await readOnly(false);
    }

    // Sent again, as the browser does: applied once.
    await waitFor(async () => {
      const res = await school.post(`/api/responses/${responseId}/changes`, { changes: [change] });
      return res.status === 200;
    }, 'the autosave goes through again');
    expect(await stored()).toBe(1);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
    expect(server.logs().some((l) => l.level === 50 && l.msg === 'request failed')).toBe(false);
  });
});
