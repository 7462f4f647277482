// SQL for export jobs: asking for one, claiming one to run (any process, one at a time each),
// reading the participants in batches, storing the file, and forgetting old files.
import { sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { responsesInScope } from '../auth/scope.js';
import type { Db } from '../db/connection.js';

/** A job whose heartbeat is older than this was cut short (crash, restart) and is run again. */
export const STALE_AFTER_MS = 30_000;

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
  db: Db,
  row: { collectionId: number; user: CurrentUser; regionFilter?: string; fileName: string },
) {
  return (
    db
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
export function findActiveJob(db: Db, userId: number, collectionId: number, regionFilter?: string) {
  return db
    .selectFrom('export_jobs')
    .select(JOB_COLUMNS)
    .where('requested_by', '=', userId)
    .where('collection_id', '=', collectionId)
    .where(sql<string>`coalesce(region_filter, '')`, '=', regionFilter ?? '')
    .where(ACTIVE)
    .executeTakeFirst();
}

/** A job of this user (another user's job is "not found"). */
export function findOwnJob(db: Db, userId: number, id: number) {
  return db
    .selectFrom('export_jobs')
    .select(JOB_COLUMNS)
    .where('id', '=', id)
    .where('requested_by', '=', userId)
    .executeTakeFirst();
}

export function listOwnJobs(db: Db, userId: number, collectionId: number) {
  return db
    .selectFrom('export_jobs')
    .select(JOB_COLUMNS)
    .where('requested_by', '=', userId)
    .where('collection_id', '=', collectionId)
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
}

/** Takes the oldest queued job, or one whose runner went silent; SKIP LOCKED lets processes race safely. */
export async function claimJob(db: Db) {
  const stale = new Date(Date.now() - STALE_AFTER_MS);
  return db
    .updateTable('export_jobs')
    .set({
      status: 'running',
      attempts: sql`attempts + 1`,
      started_at: sql`now()`,
      heartbeat_at: sql`now()`,
      progress: 0,
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

export async function heartbeat(db: Db, id: number, progress: number) {
  await db
    .updateTable('export_jobs')
    .set({ heartbeat_at: sql`now()`, progress })
    .where('id', '=', id)
    .execute();
}

export async function finishJob(db: Db, id: number, result: { sizeBytes: number; organizations: number }) {
  await db
    .updateTable('export_jobs')
    .set({
      status: 'done',
      progress: 100,
      size_bytes: result.sizeBytes,
      organizations: result.organizations,
      finished_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function failJob(db: Db, id: number, error: string) {
  await db
    .updateTable('export_jobs')
    .set({ status: 'failed', error, finished_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Puts a job this process was running back in the queue (graceful shutdown). */
export async function requeueJob(db: Db, id: number) {
  await db
    .updateTable('export_jobs')
    .set({ status: 'queued', heartbeat_at: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function deleteChunks(db: Db, jobId: number) {
  await db.deleteFrom('export_file_chunks').where('job_id', '=', jobId).execute();
}

export async function insertChunk(db: Db, jobId: number, seq: number, data: Buffer) {
  await db.insertInto('export_file_chunks').values({ job_id: jobId, seq, data }).execute();
}

export async function deleteExpiredJobs(db: Db, olderThan: Date) {
  const r = await db
    .deleteFrom('export_jobs')
    .where('created_at', '<', olderThan)
    .where('status', 'in', ['done', 'failed'])
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function countParticipants(
  db: Db,
  scope: CurrentUser,
  collectionId: number,
  regionFilter: string | null,
) {
  let q = db
    .selectFrom('responses as resp')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resp.collection_id', '=', collectionId)
    .where(responsesInScope(scope));
  if (regionFilter) q = q.where('resp.region_code', '=', regionFilter);
  return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
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
