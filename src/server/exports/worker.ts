// The export worker that runs in every server process: it polls for a queued job (or one whose
// runner died), runs one at a time, and reports progress through a heartbeat. Old files are
// removed by the maintenance job (ops/maintenance.ts).
// The queue is the export_jobs table, so jobs survive restarts and any process may take one.
//
// A job is not resumed from its last stored chunk after a crash: the workbook is one deflated zip
// stream whose entries carry running CRCs and whose central directory points at byte offsets, so
// resuming would mean storing the compressor's state with every chunk. Starting again costs the
// time of one export (about 9 s for the whole country, docs/BENCHMARKS.md) and keeps the writer simple.
import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { CurrentUser } from '../auth/current-user.js';
import type { Db } from '../db/connection.js';
import { isDatabaseUnavailable } from '../http/pg-errors.js';
import { pollEvery } from '../ops/poll.js';
import { loadDefinition } from '../responses/definitions.js';
import { writeExport } from './build-xlsx.js';
import { LeaseLost, storeExportFile } from './file.js';
import {
  claimJob,
  failJob,
  finishJob,
  formVersionOfCollection,
  heartbeat,
  type Lease,
  participantSummary,
  requeueJob,
} from './queries.js';

type Job = NonNullable<Awaited<ReturnType<typeof claimJob>>>;

/** Progress is written each time it has moved this many points. */
const PROGRESS_STEP = 5;

export type WorkerOptions = {
  pollMs: number;
  /** A running job whose heartbeat is older than this was cut short (crash, pause) and is run again. */
  staleMs: number;
};

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

/**
 * Beats while the job runs; the first beat that finds the lease gone stops the run. Progress is
 * written as it moves, every PROGRESS_STEP points, not only with the beat: an export shorter than
 * a beat would otherwise show 0 % until it is done.
 */
function startHeartbeat(db: Db, lease: Lease, staleMs: number, onLost: () => void) {
  let progress = 0;
  let written = 0;
  const beat = async () => {
    written = progress;
    if (!(await heartbeat(db, lease, progress))) onLost();
  };
  // Several beats fit in the stale window, so one slow write does not make the job look dead.
  const timer = setInterval(() => void beat().catch(() => {}), Math.max(100, Math.floor(staleMs / 6)));
  return {
    async progress(percent: number) {
      progress = percent;
      if (percent - written >= PROGRESS_STEP || (percent === 95 && written !== 95)) await beat();
    },
    stop: () => clearInterval(timer),
  };
}

export async function runJob(db: Db, job: Job, staleMs: number) {
  const lease: Lease = { jobId: job.id, attempt: job.attempts };
  const formVersionId = await formVersionOfCollection(db, job.collection_id);
  const { definition } = await loadDefinition(db, formVersionId);
  const scope = scopeOf(job);
  const { total, longest } = await participantSummary(db, scope, job.collection_id, job.region_filter);
  const out = new PassThrough();
  // Once the lease is lost the run ends at once, whatever it is waiting for; what is still under
  // way finds the lease gone and writes nothing.
  let loseLease = () => {};
  const lost = new Promise<never>((_, reject) => {
    loseLease = () => {
      const err = new LeaseLost(lease);
      out.destroy(err);
      reject(err);
    };
  });
  const beat = startHeartbeat(db, lease, staleMs, () => loseLease());
  try {
    const stored = storeExportFile(db, lease, out);
    const written = writeExport(
      {
        db,
        scope,
        collectionId: job.collection_id,
        regionFilter: job.region_filter,
        definition,
        total,
        longest,
        onProgress: (done) => beat.progress(total ? Math.min(95, Math.floor((done / total) * 95)) : 95),
      },
      out,
    );
    const both = Promise.all([written, stored]);
    both.catch(() => {}); // after a lost lease, nobody waits for it any more
    const [organizations, sizeBytes] = await Promise.race([both, lost]);
    if (!(await finishJob(db, lease, { sizeBytes, organizations }))) throw new LeaseLost(lease);
  } finally {
    beat.stop();
  }
}

export function startExportWorker(db: Db, log: FastifyBaseLogger, opts: WorkerOptions) {
  let stopped = false;
  let current: Lease | undefined;

  async function tick() {
    const job = await claimJob(db, opts.staleMs);
    if (!job) return;
    const lease = { jobId: job.id, attempt: job.attempts };
    current = lease;
    log.info({ exportJob: job.id, attempt: job.attempts }, 'export started');
    try {
      await runJob(db, job, opts.staleMs);
      log.info({ exportJob: job.id, attempt: job.attempts }, 'export done');
    } catch (err) {
      await settleFailure(lease, err);
    } finally {
      current = undefined;
    }
  }

  async function settleFailure(lease: Lease, err: unknown) {
    const at = { exportJob: lease.jobId, attempt: lease.attempt };
    // A job cut short by shutdown goes back to the queue (see stop).
    if (stopped) return;
    if (err instanceof LeaseLost) {
      // This runner was paused past the stale window and another one has the job: leave it be.
      log.warn(at, 'export taken over by another runner');
      return;
    }
    if (isDatabaseUnavailable(err)) {
      // Not the job's fault: back to the queue. If even that cannot be written, its heartbeat
      // goes stale and any process takes it up again once the database is back.
      log.warn({ ...at, err: { message: (err as Error).message } }, 'export interrupted');
      await requeueJob(db, lease).catch(() => {});
      return;
    }
    log.error({ ...at, err }, 'export failed');
    await failJob(db, lease, 'Внутренняя ошибка при подготовке отчёта. Повторите экспорт позже.');
  }

  const poller = pollEvery(opts.pollMs, tick, log, 'export worker');

  return {
    async stop() {
      stopped = true;
      poller.stop();
      if (current) await requeueJob(db, current).catch(() => {});
    },
  };
}
