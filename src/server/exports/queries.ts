// SQL for export jobs: asking for one, claiming one to run (any process, one at a time each),
// reading the participants in batches, storing the file, and forgetting old files.
import { sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { exportJobsInScope } from '../auth/rows/exports.js';
import { responsesInScope } from '../auth/rows/responses.js';
import { deleteDueBatch } from '../db/batches.js';
import type { Db } from '../db/connection.js';
import type { Tx } from '../db/transaction.js';
import { lastReviewCommentSql } from '../review/queries.js';

export const JOB_COLUMNS = [
  'id',
  'collection_id as collectionId',
  'status',
  'progress',
  'organizations',
  'error',
  'file_name as fileName',
  'size_bytes as sizeBytes',
  'created_at as createdAt',
  'finished_at as finishedAt',
] as const;

/** The statuses in which a job counts against "one export at a time" (export_jobs_one_active_idx). */
const ACTIVE = sql<boolean>`status IN ('queued', 'running')`;

/**
 * Queues a job, unless this user already has one queued or running for the same collection and
 * region filter: then nothing is inserted and the answer is undefined. The unique index decides,
 * so requests racing on any number of processes make one job.
 */
export async function insertJobUnlessActive(
  tx: Tx,
  row: { collectionId: number; user: CurrentUser; regionFilter?: string; fileName: string },
) {
  return (
    tx
      .insertInto('export_jobs')
      .values({
        collection_id: row.collectionId,
        requested_by: row.user.id,
        scope_role: row.user.role,
        scope_region_code: row.user.regionCode,
        scope_municipality_id: row.user.municipalityId,
        scope_organization_id: row.user.organizationId,
        region_filter: row.regionFilter ?? null,
        file_name: row.fileName,
      })
      // The index's own expressions and predicate, written out (not as parameters) so that
      // PostgreSQL can match the partial index.
      .onConflict((oc) =>
        oc
          .expression(sql`requested_by, collection_id, coalesce(region_filter, '')`)
          .where(ACTIVE)
          .doNothing(),
      )
      .returning(JOB_COLUMNS)
      .executeTakeFirst()
  );
}

/** This user's queued or running job for the collection and region filter, if any. */
export function findActiveJob(db: Db, user: CurrentUser, collectionId: number, regionFilter?: string) {
  return db
    .selectFrom('export_jobs')
    .select(JOB_COLUMNS)
    .where(exportJobsInScope(user))
    .where('collection_id', '=', collectionId)
    .where(sql<string>`coalesce(region_filter, '')`, '=', regionFilter ?? '')
    .where(ACTIVE)
    .executeTakeFirst();
}

/** A job of this user (another user's job is "not found"). */
export function findOwnJob(db: Db, user: CurrentUser, id: number) {
  return db
    .selectFrom('export_jobs')
    .select(JOB_COLUMNS)
    .where('id', '=', id)
    .where(exportJobsInScope(user))
    .executeTakeFirst();
}

export function listOwnJobs(db: Db, user: CurrentUser, collectionId: number) {
  return db
    .selectFrom('export_jobs')
    .select(JOB_COLUMNS)
    .where(exportJobsInScope(user))
    .where('collection_id', '=', collectionId)
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
}

/**
 * One claim of a job: the job and the attempt its runner was given. Every write a runner makes
 * names its lease and lands only while the job is still running under that attempt, so a runner
 * paused past the stale window (a frozen VM) that wakes up after another one claimed the job
 * changes nothing: its heartbeat, chunks, failure or completion all find no row.
 */
export type Lease = { jobId: number; attempt: number };

/** Takes the oldest queued job, or one whose runner went silent; SKIP LOCKED lets processes race safely. */
export async function claimJob(db: Db, staleAfterMs: number) {
  const stale = new Date(Date.now() - staleAfterMs);
  return db
    .updateTable('export_jobs')
    .set({
      status: 'running',
      attempts: sql`attempts + 1`,
      started_at: sql`now()`,
      heartbeat_at: sql`now()`,
      progress: 0,
      error: null,
    })
    .where(
      'id',
      '=',
      db
        .selectFrom('export_jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('status', '=', 'queued'),
            eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', stale)]),
          ]),
        )
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .executeTakeFirst();
}

function leased(db: Db, lease: Lease) {
  return db
    .updateTable('export_jobs')
    .where('id', '=', lease.jobId)
    .where('attempts', '=', lease.attempt)
    .where('status', '=', 'running');
}

/** Whether the lease still holds: false once another runner has the job. */
async function applied(q: Promise<{ numUpdatedRows: bigint } | { numDeletedRows: bigint }>) {
  const r = await q;
  return Number('numUpdatedRows' in r ? r.numUpdatedRows : r.numDeletedRows) > 0;
}

export function heartbeat(db: Db, lease: Lease, progress: number) {
  return applied(leased(db, lease).set({ heartbeat_at: sql`now()`, progress }).executeTakeFirst());
}

export function finishJob(db: Db, lease: Lease, result: { sizeBytes: number; organizations: number }) {
  return applied(
    leased(db, lease)
      .set({
        status: 'done',
        progress: 100,
        error: null,
        size_bytes: result.sizeBytes,
        organizations: result.organizations,
        finished_at: sql`now()`,
      })
      .executeTakeFirst(),
  );
}

export function failJob(db: Db, lease: Lease, error: string) {
  return applied(
    leased(db, lease).set({ status: 'failed', error, finished_at: sql`now()` }).executeTakeFirst(),
  );
}

/** Puts a job this process was running back in the queue (graceful shutdown, database away). */
export function requeueJob(db: Db, lease: Lease) {
  return applied(leased(db, lease).set({ status: 'queued', heartbeat_at: null }).executeTakeFirst());
}

// The chunk writes check the lease in the same statement and take a share lock on the job's row
// while they do: a claim (an UPDATE of that row) cannot slip in between the check and the write.

/** Forgets what an earlier attempt stored; false if the lease is lost. */
export async function deleteChunks(db: Db, lease: Lease) {
  const r = await sql`
    WITH lease AS (
      SELECT id FROM export_jobs WHERE id = ${lease.jobId} AND attempts = ${lease.attempt} AND status = 'running'
         FOR SHARE
    ), gone AS (
      DELETE FROM export_file_chunks WHERE job_id = (SELECT id FROM lease)
    )
    SELECT count(*)::int AS held FROM lease`.execute(db);
  return (r.rows[0] as { held: number }).held > 0;
}

/** Stores one chunk; false (and nothing stored) if the lease is lost. */
export async function insertChunk(db: Db, lease: Lease, seq: number, data: Buffer) {
  const r = await sql`
    INSERT INTO export_file_chunks (job_id, seq, data)
    SELECT id, ${seq}, ${data} FROM export_jobs
     WHERE id = ${lease.jobId} AND attempts = ${lease.attempt} AND status = 'running'
       FOR SHARE`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** One batch of finished jobs older than the files' retention, their files with them (ops/maintenance.ts). */
export function deleteExpiredJobs(db: Db, ttlMs: number, limit: number) {
  const due = sql<boolean>`status IN ('done', 'failed') AND created_at < now() - ${ttlMs / 1000}::float8 * interval '1 second'`;
  return deleteDueBatch(db, 'export_jobs', due, limit);
}

/**
 * How many participants an export holds, and the longest text of each organization column: the
 * streamed sheet must know its column widths before its first row.
 */
export function participantSummary(
  db: Db,
  scope: CurrentUser,
  collectionId: number,
  regionFilter: string | null,
) {
  const longest = (column: string) => sql<number | null>`max(char_length(${sql.ref(column)}))`;
  let q = db
    .selectFrom('responses as resp')
    .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
    .innerJoin('municipalities as m', 'm.id', 'resp.municipality_id')
    .innerJoin('regions as r', 'r.code', 'resp.region_code')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      longest('r.name').as('region'),
      longest('m.name').as('municipality'),
      longest('o.code').as('code'),
      longest('o.short_name').as('name'),
      sql<number | null>`max(char_length(${lastReviewCommentSql()}))`.as('comment'),
    ])
    .where('resp.collection_id', '=', collectionId)
    .where(responsesInScope(scope));
  if (regionFilter) q = q.where('resp.region_code', '=', regionFilter);
  return q.executeTakeFirstOrThrow().then((r) => ({
    total: Number(r.n),
    longest: {
      region: Number(r.region ?? 0),
      municipality: Number(r.municipality ?? 0),
      code: Number(r.code ?? 0),
      name: Number(r.name ?? 0),
      comment: Number(r.comment ?? 0),
    },
  }));
}

/** One batch of participants after `afterId`, each with its latest submitted data. */
export function participantBatch(
  db: Db,
  scope: CurrentUser,
  collectionId: number,
  regionFilter: string | null,
  afterId: number,
  limit: number,
) {
  let q = db
    .selectFrom('responses as resp')
    .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
    .innerJoin('municipalities as m', 'm.id', 'resp.municipality_id')
    .innerJoin('regions as r', 'r.code', 'resp.region_code')
    .select([
      'resp.id',
      'r.name as region',
      'm.name as municipality',
      'o.code',
      'o.short_name as name',
      'resp.status',
      'resp.started_at as startedAt',
      'resp.last_submitted_at as submittedAt',
      'resp.review_state as reviewState',
      'resp.reviewed_at as reviewedAt',
      lastReviewCommentSql().as('reviewComment'),
      // Looked up by its index for each participant: as a join, the planner would rather walk
      // the submissions from the first one for every batch. As text, parsed by the writer one
      // row at a time: parsed objects for a whole batch would outlive young-generation
      // collections and pile up in the old generation (a national export grew the heap by
      // 150 MB between full collections).
      (eb) =>
        eb
          .selectFrom('submissions as s')
          .select(sql<string>`s.data::text`.as('data'))
          .whereRef('s.response_id', '=', 'resp.id')
          .whereRef('s.submitted_at', '=', 'resp.last_submitted_at')
          .orderBy('s.id', 'desc')
          .limit(1)
          .as('data'),
    ])
    .where('resp.collection_id', '=', collectionId)
    .where(responsesInScope(scope))
    .where('resp.id', '>', afterId);
  if (regionFilter) q = q.where('resp.region_code', '=', regionFilter);
  return q.orderBy('resp.id').limit(limit).execute();
}

/** The form version a collection's responses follow. */
export async function formVersionOfCollection(db: Db, collectionId: number): Promise<number> {
  const row = await db
    .selectFrom('collections')
    .select('form_version_id')
    .where('id', '=', collectionId)
    .executeTakeFirstOrThrow();
  return row.form_version_id;
}
