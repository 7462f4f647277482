// The periodic maintenance job, run by every server process (started in app.ts beside the export
// worker, stopped on close). Each pass removes what nothing will use again:
//   - sessions past their expiry;
//   - sign-in attempt counters whose window has passed (LOGIN_FAILURE_WINDOW_MINUTES);
//   - finished export jobs older than EXPORT_TTL_HOURS, with their files;
//   - publication uploads left incomplete for a day by a process that stopped mid-way.
// Any number of processes may run it: a pass first takes an advisory lock (pg_try_advisory_lock),
// and a process that finds it taken skips its turn, so one pass runs at a time across the cluster.
// Every delete goes in bounded batches, each its own statement (db/batches.ts), so a huge backlog
// is worked through in short transactions, and every delete is idempotent (what is gone is not
// due any more), so a pass cut short by a crash or a lost connection is simply done again later.
import type { FastifyBaseLogger } from 'fastify';
import { sweepAttempts } from '../auth/attempt-queries.js';
import { deleteExpiredSessions } from '../auth/session-queries.js';
import { advisoryUnlock, tryAdvisoryLock } from '../db/advisory-locks.js';
import type { Db } from '../db/connection.js';
import { deleteExpiredJobs } from '../exports/queries.js';
import { isDatabaseUnavailable } from '../http/pg-errors.js';
import { deleteAbandonedUploads } from '../publications/file-queries.js';

/** Any constant shared by all processes of this app (the migrations' lock is 727_001). */
export const MAINTENANCE_LOCK_KEY = 727_002;

export type MaintenanceOptions = {
  /** Time between passes (MAINTENANCE_INTERVAL_MINUTES). */
  intervalMs: number;
  /** The sign-in limits' window: counters older than this are finished. */
  loginWindowMs: number;
  /** Finished export files are kept this long (EXPORT_TTL_HOURS). */
  exportTtlMs: number;
  /** Rows per statement, overriding each task's own (tests). */
  batchSize?: number;
};

type Removed = { sessions: number; loginAttempts: number; exportJobs: number; abandonedUploads: number };
export type PassResult = { ran: false } | { ran: true; removed: Removed };

/**
 * The tasks, each deleting one batch at a time. Rows that are small go a thousand at a time; an
 * export job or an upload takes its file's chunks with it (up to 256 KB each, hundreds per file),
 * so those go a few at a time.
 */
const TASKS: {
  kind: keyof Removed;
  batch: number;
  run: (db: Db, o: MaintenanceOptions, n: number) => Promise<number>;
}[] = [
  { kind: 'sessions', batch: 1000, run: (db, _o, n) => deleteExpiredSessions(db, n) },
  { kind: 'loginAttempts', batch: 1000, run: (db, o, n) => sweepAttempts(db, o.loginWindowMs, n) },
  { kind: 'exportJobs', batch: 10, run: (db, o, n) => deleteExpiredJobs(db, o.exportTtlMs, n) },
  { kind: 'abandonedUploads', batch: 10, run: (db, _o, n) => deleteAbandonedUploads(db, n) },
];

/** Runs one task's batches until one comes back short: nothing of it is due any more. */
async function drain(db: Db, opts: MaintenanceOptions, task: (typeof TASKS)[number]) {
  const limit = opts.batchSize ?? task.batch;
  let total = 0;
  for (;;) {
    const n = await task.run(db, opts, limit);
    total += n;
    if (n < limit) return total;
  }
}

/**
 * One pass, unless another process is doing one: the lock is a session lock, so the whole pass
 * runs on one connection (each batch still commits on its own), and it goes with the connection
 * if the process dies.
 */
export function runMaintenancePass(db: Db, opts: MaintenanceOptions): Promise<PassResult> {
  return db.connection().execute(async (conn) => {
    if (!(await tryAdvisoryLock(conn, MAINTENANCE_LOCK_KEY))) return { ran: false };
    try {
      const removed: Removed = { sessions: 0, loginAttempts: 0, exportJobs: 0, abandonedUploads: 0 };
      for (const task of TASKS) removed[task.kind] = await drain(conn, opts, task);
      return { ran: true, removed };
    } finally {
      await advisoryUnlock(conn, MAINTENANCE_LOCK_KEY);
    }
  });
}

/**
 * A pass as the process starts (a backlog left while it was down, or by a fleet that restarts
 * often, goes at once) and then every `intervalMs`; one at a time.
 */
export function startMaintenance(db: Db, log: FastifyBaseLogger, opts: MaintenanceOptions) {
  let current: Promise<unknown> | undefined;
  const pass = async () => {
    try {
      const result = await runMaintenancePass(db, opts);
      if (result.ran && Object.values(result.removed).some((n) => n > 0)) {
        log.info({ removed: result.removed }, 'maintenance: old rows removed');
      }
    } catch (err) {
      // While the database is away every pass fails the same way: a warning; the next pass retries.
      if (isDatabaseUnavailable(err))
        log.warn({ err: { message: (err as Error).message } }, 'maintenance: database unavailable');
      else log.error({ err }, 'maintenance pass failed');
    }
  };
  const tick = () => {
    if (current) return;
    current = pass().finally(() => {
      current = undefined;
    });
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, opts.intervalMs);
  first.unref();
  timer.unref();
  return {
    /** Stops the timers and waits for a pass under way: the database is closed next. */
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await current;
    },
  };
}
