// The periodic maintenance job (ops/maintenance.ts): expired sessions, finished sign-in windows,
// finished export jobs (and their files) past EXPORT_TTL_HOURS, and uploads abandoned for a day
// are removed; everything not yet due stays. One node does a pass at a time, in short batches.
// The tests drive passes directly; nothing waits for the timer except the one that shows the
// server runs it.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../src/server/db/connection.js';
import {
  MAINTENANCE_LOCK_KEY,
  type MaintenanceOptions,
  runMaintenancePass,
} from '../src/server/ops/maintenance.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestServer } from './support/server.js';
import { waitFor } from './support/wait.js';

const OPTIONS: MaintenanceOptions = {
  intervalMs: 600_000,
  loginWindowMs: 15 * 60_000,
  exportTtlMs: 24 * 3_600_000,
};

let database: TestDatabase;
let db: Db;
let userId: number;
let collectionId: number;
let publicationId: number;

const run = (text: string) => sql.raw(text).execute(db);

/** Rows of every kind, each due or not; `names` tells them apart afterwards. */
async function seed() {
  await run(
    `DELETE FROM sessions; DELETE FROM login_attempts; DELETE FROM export_jobs; DELETE FROM publication_files`,
  );
  await run(`INSERT INTO sessions (id, user_id, expires_at) VALUES
    ('expired-long-ago', ${userId}, now() - interval '3 days'),
    ('expired-just-now', ${userId}, now() - interval '1 second'),
    ('live', ${userId}, now() + interval '30 minutes')`);
  await run(`INSERT INTO login_attempts (kind, key, attempts, window_start) VALUES
    ('login', 'window-over', 3, now() - interval '16 minutes'),
    ('ip', 'window-open', 3, now() - interval '14 minutes')`);
  // A user has one queued or running job per collection and region at most: they differ in region.
  const job = (name: string, status: string, age: string, region = 'NULL') =>
    `INSERT INTO export_jobs (collection_id, requested_by, scope_role, region_filter, file_name, status, created_at)
     VALUES (${collectionId}, ${userId}, 'federal', ${region}, '${name}', '${status}', now() - interval '${age}')`;
  await run(job('done-old', 'done', '25 hours'));
  await run(job('failed-old', 'failed', '25 hours'));
  await run(job('done-recent', 'done', '23 hours'));
  await run(job('running-old', 'running', '25 hours'));
  await run(job('queued-old', 'queued', '25 hours', "'77'"));
  await run(
    `INSERT INTO export_file_chunks (job_id, seq, data) SELECT id, s, '\\x00'::bytea FROM export_jobs, generate_series(0, 2) s`,
  );
  const file = (name: string, complete: boolean, age: string) =>
    `INSERT INTO publication_files (publication_id, name, content_type, complete, created_at)
     VALUES (${publicationId}, '${name}', 'application/pdf', ${complete}, now() - interval '${age}')`;
  await run(file('abandoned', false, '25 hours'));
  await run(file('uploading', false, '23 hours'));
  await run(file('published-long-ago', true, '400 days'));
  await run(
    `INSERT INTO publication_file_chunks (file_id, seq, data) SELECT id, 0, '\\x00'::bytea FROM publication_files`,
  );
}

async function names() {
  const { rows } = await sql<Record<string, string[]>>`
    SELECT (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM sessions) AS sessions,
           (SELECT coalesce(array_agg(key ORDER BY key), '{}') FROM login_attempts) AS attempts,
           (SELECT coalesce(array_agg(file_name ORDER BY file_name), '{}') FROM export_jobs) AS exports,
           (SELECT coalesce(array_agg(DISTINCT j.file_name), '{}') FROM export_file_chunks c JOIN export_jobs j ON j.id = c.job_id) AS export_files,
           (SELECT count(*)::text FROM export_file_chunks) AS export_chunks,
           (SELECT coalesce(array_agg(name ORDER BY name), '{}') FROM publication_files) AS uploads,
           (SELECT count(*)::text FROM publication_file_chunks) AS upload_chunks`.execute(db);
  return rows[0];
}

const KEPT = {
  sessions: ['live'],
  attempts: ['window-open'],
  exports: ['done-recent', 'queued-old', 'running-old'],
  export_files: ['done-recent', 'queued-old', 'running-old'],
  export_chunks: '9',
  uploads: ['published-long-ago', 'uploading'],
  upload_chunks: '2',
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const u = await sql<{ id: number }>`
    INSERT INTO users (login, password_hash, role) VALUES ('admin', 'x', 'federal') RETURNING id`.execute(db);
  userId = u.rows[0]?.id as number;
  await run(`INSERT INTO forms (title) VALUES ('Ф')`);
  await run(`INSERT INTO form_versions (form_id, version, definition) SELECT id, 1, '{}' FROM forms`);
  const c = await sql<{ id: number }>`
    INSERT INTO collections (title, form_version_id, starts_at, ends_at)
    SELECT 'С', id, now(), now() + interval '1 day' FROM form_versions RETURNING id`.execute(db);
  collectionId = c.rows[0]?.id as number;
  const p = await sql<{ id: number }>`INSERT INTO publications (title) VALUES ('П') RETURNING id`.execute(db);
  publicationId = p.rows[0]?.id as number;
});
afterAll(() => database.close());

describe('a maintenance pass', () => {
  beforeEach(seed);

  it('removes what is due, of every kind, and keeps what is not', async () => {
    const result = await runMaintenancePass(db, OPTIONS);
    expect(result).toEqual({
      ran: true,
      removed: { sessions: 2, loginAttempts: 1, exportJobs: 2, abandonedUploads: 1 },
    });
    expect(await names()).toEqual(KEPT);
    // A second pass finds nothing more to do.
    expect(await runMaintenancePass(db, OPTIONS)).toEqual({
      ran: true,
      removed: { sessions: 0, loginAttempts: 0, exportJobs: 0, abandonedUploads: 0 },
    });
  });

  it('works through a backlog in batches, each its own statement, until none is left', async () => {
    await run(`INSERT INTO sessions (id, user_id, expires_at)
               SELECT 'old-' || i, ${userId}, now() - interval '1 hour' FROM generate_series(1, 25) i`);
    const result = await runMaintenancePass(db, { ...OPTIONS, batchSize: 4 });
    expect(result).toMatchObject({ ran: true, removed: { sessions: 27, exportJobs: 2 } });
    expect(await names()).toEqual(KEPT);
  });

  it('run by two nodes at once, fails on neither, and leaves the same', async () => {
    // A second node: its own pool on PostgreSQL; PGlite serves one process, so there the same one.
    const other = database.url
      ? await openDatabase({ databaseUrl: database.url, poolSize: 2, onConnectionLost: () => {} })
      : undefined;
    try {
      const results = await Promise.all([
        runMaintenancePass(db, OPTIONS),
        runMaintenancePass(other?.db ?? db, OPTIONS),
        runMaintenancePass(db, OPTIONS),
      ]);
      expect(results.some((r) => r.ran)).toBe(true);
      expect(await names()).toEqual(KEPT);
    } finally {
      await other?.close();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)('is skipped while another node holds the lock', async () => {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [MAINTENANCE_LOCK_KEY]);
      expect(await runMaintenancePass(db, OPTIONS)).toEqual({ ran: false });
      expect((await names())?.sessions).toHaveLength(3);
      await holder.query('SELECT pg_advisory_unlock($1)', [MAINTENANCE_LOCK_KEY]);
      expect(await runMaintenancePass(db, OPTIONS)).toMatchObject({ ran: true });
      expect(await names()).toEqual(KEPT);
    } finally {
      await holder.end();
    }
  });
});

describe('the server', () => {
  it('runs a pass as it starts, then every MAINTENANCE_INTERVAL_MINUTES', async () => {
    await seed();
    // The export worker would take the queued job: it does not poll during this test.
    const server = await startTestServer({
      database,
      config: { maintenanceIntervalMs: 100, exportPollMs: 3_600_000 },
    });
    try {
      const done = async () => JSON.stringify(await names()) === JSON.stringify(KEPT);
      await waitFor(done, 'the first pass removed what is due');
      // Rows that fall due later go at a later pass.
      await seed();
      await waitFor(done, 'a later pass removed what is due');
    } finally {
      await server.close();
    }
  });
});
