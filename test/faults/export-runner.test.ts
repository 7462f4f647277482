// An export runner paused past the stale window (a frozen VM, a process stopped by a debugger)
// and then resumed must change nothing: another process has taken the job over meanwhile, and
// every write of the old runner is fenced by its attempt. Two real server processes on one
// PostgreSQL; the first is stopped with SIGSTOP inside its run and resumed with SIGCONT.
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seed.js';
import { Client } from '../support/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { openDemoCollectionId } from '../support/demo.js';
import { type ServerProcess, startServerProcess } from '../support/process.js';
import { waitFor } from '../support/wait.js';

const onPostgres = !!process.env.DATABASE_URL;
let database: TestDatabase;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null) s.child.kill('SIGCONT');
    await s.stop();
  }
  await database?.close();
});

async function start() {
  const s = await startServerProcess({
    DATABASE_URL: database.url as string,
    SEED_DEMO: 'never',
    EXPORT_STALE_SECONDS: '2',
    EXPORT_POLL_MS: '100',
  });
  servers.push(s);
  return s;
}

const jobOf = (id: number) =>
  database.db
    .selectFrom('export_jobs')
    .select(['status', 'attempts', 'error', 'progress', 'size_bytes'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe.skipIf(!onPostgres)('an export runner paused past the stale window', () => {
  // Two processes start within the test: a busy machine may take a while.
  it('is taken over; when it wakes, its writes change nothing and the job ends done', {
    timeout: 180_000,
  }, async () => {
    const a = await start();
    const collectionId = await openDemoCollectionId(database.db);
    // The test holds the file table, so that each runner stops at its first write, job claimed.
    const holdFiles = async () => {
      const holder = new pg.Client({ connectionString: database.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE export_file_chunks IN EXCLUSIVE MODE');
      return holder;
    };
    const waitingForFiles = async (holder: pg.Client) => {
      const { rows } = await holder.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      return rows[0].n > 0;
    };
    const release = async (holder: pg.Client) => {
      await holder.query('ROLLBACK');
      await holder.end();
    };

    let holder = await holdFiles();
    const reg = await new Client(a.url).login('reg77');
    const asked = await reg.post(`/api/monitoring/collections/${collectionId}/exports`, {});
    expect(asked.status).toBe(202);
    await waitFor(() => waitingForFiles(holder), 'runner A waiting at its first write');
    a.child.kill('SIGSTOP');
    await release(holder);
    // A's first write lands while A sleeps; then B, started now, finds A's heartbeat stale,
    // claims the job and stops at its own first write.
    holder = await holdFiles();
    const b = await start();
    await waitFor(
      async () => (await jobOf(asked.body.id)).attempts === 2,
      'runner B claimed the job',
      60_000,
    );
    await waitFor(() => waitingForFiles(holder), 'runner B waiting at its first write');

    // A wakes up while B is still running the job: A finds it has lost the job and stops.
    a.child.kill('SIGCONT');
    await waitFor(
      () => a.logs().some((l) => l.msg === 'export taken over by another runner'),
      'runner A noticed it lost the job',
    );
    expect(await jobOf(asked.body.id)).toMatchObject({ status: 'running', attempts: 2, error: null });
    await release(holder);
    await waitFor(async () => (await jobOf(asked.body.id)).status !== 'running', 'runner B finished', 60_000);
    expect(await jobOf(asked.body.id)).toMatchObject({
      status: 'done',
      attempts: 2,
      error: null,
      progress: 100,
    });
    expect(a.logs().some((l) => l.msg === 'export failed')).toBe(false);
    expect(b.logs().some((l) => l.msg === 'export failed')).toBe(false);

    // The file downloads whole, from either process.
    const res = await fetch(`${b.url}/api/exports/${asked.body.id}/download`, {
      headers: { cookie: `niko_session=${reg.cookie('niko_session')}` },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const participants = await database.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('collection_id', '=', collectionId)
      .where('region_code', '=', '77')
      .executeTakeFirstOrThrow();
    expect(book.getWorksheet('Результаты')?.actualRowCount).toBe(Number(participants.n) + 1);
  });
});
