// The export worker that runs in every server process: it polls for a queued job (or one whose
// runner died), runs one at a time, reports progress through a heartbeat, and removes old files.
// The queue is the export_jobs table, so jobs survive restarts and any process may take one.
import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { CurrentUser } from '../auth/current-user.js';
import type { Db } from '../db/connection.js';
import { isDatabaseUnavailable } from '../http/pg-errors.js';
import { loadDefinition } from '../responses/definitions.js';
import { writeExport } from './build-xlsx.js';
import { storeExportFile } from './file.js';
import {
  claimJob,
  countParticipants,
  deleteExpiredJobs,
  failJob,
  finishJob,
  heartbeat,
  requeueJob,
} from './queries.js';

type Job = NonNullable<Awaited<ReturnType<typeof claimJob>>>;

const HEARTBEAT_MS = 5_000;
const CLEANUP_MS = 10 * 60_000;

/** The requester's scope, as it was when the export was asked for. */
function scopeOf(job: Job): CurrentUser {
  return {
    id: job.requested_by,
    login: '',
    role: job.scope_role,
    fullName: '',
    mustChangePassword: false,
    regionCode: job.scope_region_code,
    municipalityId: job.scope_municipality_id,
    organizationId: job.scope_organization_id,
    scopeName: '',
    regionTimezone: null,
  };
}

export async function runJob(db: Db, job: Job) {
  const collection = await db
    .selectFrom('collections')
    .select('form_version_id')
    .where('id', '=', job.collection_id)
    .executeTakeFirstOrThrow();
  const { definition } = await loadDefinition(db, collection.form_version_id);
  const scope = scopeOf(job);
  const total = await countParticipants(db, scope, job.collection_id, job.region_filter);
  let progress = 0;
  const beat = setInterval(() => void heartbeat(db, job.id, progress).catch(() => {}), HEARTBEAT_MS);
  try {
    const out = new PassThrough();
    const stored = storeExportFile(db, job.id, out);
    const written = writeExport(
      {
        db,
        scope,
        collectionId: job.collection_id,
        regionFilter: job.region_filter,
        definition,
        total,
        onProgress: async (done) => {
          progress = total ? Math.min(95, Math.floor((done / total) * 95)) : 95;
        },
      },
      out,
    );
    const [organizations, sizeBytes] = await Promise.all([written, stored]);
    await finishJob(db, job.id, { sizeBytes, organizations });
  } finally {
    clearInterval(beat);
  }
}

export function startExportWorker(db: Db, log: FastifyBaseLogger, opts: { pollMs: number; ttlMs: number }) {
  let stopped = false;
  let current: Job | undefined;
  let ticking = false;
  let lastCleanup = 0;

  async function tick() {
    if (Date.now() - lastCleanup > CLEANUP_MS) {
      lastCleanup = Date.now();
      const removed = await deleteExpiredJobs(db, new Date(Date.now() - opts.ttlMs));
      if (removed) log.info({ removed }, 'old export files removed');
    }
    const job = await claimJob(db);
    if (!job) return;
    current = job;
    log.info({ exportJob: job.id, attempt: job.attempts }, 'export started');
    try {
      await runJob(db, job);
      log.info({ exportJob: job.id }, 'export done');
    } catch (err) {
      // A job cut short by shutdown goes back to the queue (see stop).
      if (stopped) return;
      if (isDatabaseUnavailable(err)) {
        // Not the job's fault: back to the queue. If even that cannot be written, its heartbeat
        // goes stale and any process takes it up again once the database is back.
        log.warn({ exportJob: job.id, err: { message: (err as Error).message } }, 'export interrupted');
        await requeueJob(db, job.id).catch(() => {});
        return;
      }
      log.error({ err, exportJob: job.id }, 'export failed');
      await failJob(db, job.id, 'Внутренняя ошибка при подготовке отчёта. Повторите экспорт позже.');
    } finally {
      current = undefined;
    }
  }

  // One tick at a time: a long export simply delays the next poll.
  const timer = setInterval(() => {
    if (stopped || ticking) return;
    ticking = true;
    tick()
      .catch((err) =>
        // While the database is away every poll fails the same way: a warning, not an error a minute.
        isDatabaseUnavailable(err)
          ? log.warn({ err: { message: (err as Error).message } }, 'export worker: database unavailable')
          : log.error({ err }, 'export worker'),
      )
      .finally(() => {
        ticking = false;
      });
  }, opts.pollMs);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (current) await requeueJob(db, current.id).catch(() => {});
    },
  };
}
