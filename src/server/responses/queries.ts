// SQL for responses: the participant row (scoped), its cells, their history, its snapshots.
import { sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { responsesInScope } from '../auth/rows/responses.js';
import { isOpenSql } from '../collections/queries.js';
import { anyText } from '../db/arrays.js';
import type { Db } from '../db/connection.js';
import { latestReviewNoteSql } from '../review/queries.js';

/**
 * Whether the organization may change its response (alias `resp`, collection `c`): while the
 * collection is open, and after it closed while the report is returned for revision (until the
 * personal deadline, if the coordinator set one); never while the report is accepted.
 */
export const editableSql = () =>
  sql<boolean>`(resp.review_state <> 'accepted' AND (${isOpenSql('c')} OR (resp.status = 'submitted'
    AND resp.review_state = 'returned' AND (resp.extended_until IS NULL OR now() < resp.extended_until))))`;

/** The review state of a submitted report; null before the first submission. */
const reviewStateSql = () =>
  sql<
    'unchecked' | 'accepted' | 'returned' | null
  >`CASE WHEN resp.status = 'submitted' THEN resp.review_state END`;

/** What the organization's block and editor show of the review. */
const REVIEW_COLUMNS = () =>
  [
    reviewStateSql().as('reviewState'),
    'resp.extended_until as extendedUntil',
    editableSql().as('editable'),
    latestReviewNoteSql().as('reviewNote'),
  ] as const;

function visibleResponses(db: Db, viewer: CurrentUser) {
  return db
    .selectFrom('responses as resp')
    .innerJoin('collections as c', 'c.id', 'resp.collection_id')
    .where(responsesInScope(viewer));
}

const RESPONSE_COLUMNS = [
  'resp.id',
  'resp.collection_id as collectionId',
  'resp.organization_id as organizationId',
  'resp.status',
  'resp.started_at as startedAt',
  'resp.first_submitted_at as firstSubmittedAt',
  'resp.last_submitted_at as lastSubmittedAt',
  'resp.submission_count as submissionCount',
  'resp.last_changed_at as lastChangedAt',
  'c.title as collectionTitle',
  'c.starts_at as startsAt',
  'c.ends_at as endsAt',
  'c.form_version_id as formVersionId',
] as const;

export function getResponse(db: Db, viewer: CurrentUser, id: number) {
  return visibleResponses(db, viewer)
    .select(RESPONSE_COLUMNS)
    .select(isOpenSql('c').as('open'))
    .select(REVIEW_COLUMNS())
    .where('resp.id', '=', id)
    .executeTakeFirst();
}

/**
 * The participant row, locked: concurrent batches (and submissions) of one response apply one at a
 * time. Only what writing needs: it runs on every autosave, and each column costs.
 */
export function lockResponse(db: Db, viewer: CurrentUser, id: number) {
  return visibleResponses(db, viewer)
    .select([
      'resp.id',
      'resp.collection_id as collectionId',
      'c.form_version_id as formVersionId',
      'resp.review_state as reviewState',
    ])
    .select(editableSql().as('editable'))
    .where('resp.id', '=', id)
    .forUpdate('resp')
    .executeTakeFirst();
}

export function readCells(db: Db, responseId: number, keys?: string[]) {
  let q = db
    .selectFrom('response_cells')
    .select(['cell_key as key', 'value', 'version'])
    .where('response_id', '=', responseId);
  if (keys) {
    if (keys.length === 0) return Promise.resolve([]);
    q = q.where('cell_key', '=', anyText(keys));
  }
  return q.execute();
}

/**
 * Every stored cell of a response as one object, key → value, aggregated by PostgreSQL: for a
 * form of hundreds of cells, one JSON value parses much faster than as many rows.
 */
export async function readCellValues(db: Db, responseId: number): Promise<Record<string, string | null>> {
  const { rows } = await sql<{ cells: Record<string, string | null> | null }>`
    SELECT json_object_agg(cell_key, value) AS cells FROM response_cells WHERE response_id = ${responseId}`.execute(
    db,
  );
  return rows[0]?.cells ?? {};
}

/**
 * Stores a submission in one statement: the snapshot, and the response's state («Сдано», the
 * first and latest submission, their count; «дата начала ввода» if nothing was typed before).
 */
export async function insertSubmission(
  db: Db,
  row: { responseId: number; formVersionId: number; data: string; userId: number },
) {
  const { rows } = await sql<{ id: number; submittedAt: Date }>`
    WITH s AS (
      INSERT INTO submissions (response_id, form_version_id, data, submitted_by)
      VALUES (${row.responseId}, ${row.formVersionId}, ${row.data}::jsonb, ${row.userId})
      RETURNING id, submitted_at
    ), r AS (
      -- A new snapshot is one nobody has checked: the review starts again, without a personal deadline.
      UPDATE responses
         SET status = 'submitted',
             review_state = 'unchecked',
             reviewed_at = s.submitted_at,
             extended_until = NULL,
             started_at = coalesce(started_at, s.submitted_at),
             first_submitted_at = coalesce(first_submitted_at, s.submitted_at),
             last_submitted_at = s.submitted_at,
             submission_count = submission_count + 1
        FROM s
       WHERE responses.id = ${row.responseId}
    )
    SELECT id, submitted_at AS "submittedAt" FROM s`.execute(db);
  const submitted = rows[0];
  if (!submitted) throw new Error('the submission was not stored');
  return submitted;
}

export type CellWrite = {
  key: string;
  value: string | null;
  version: number;
  changeId: string;
  oldValue: string | null;
};

/** Where a change came from (cell_changes.source): null typed in the table, 'excel' from a file. */
export type CellChangeSource = 'excel' | null;

export type PriorChange = { id: string; key: string; value: string | null; version: number };
export type StoredCell = { key: string; value: string | null; version: number };

/** A participant row as the history needs it: cell_changes is partitioned by collection. */
export type ResponseRef = { id: number; collectionId: number };

/**
 * What a batch of changes needs to know, in one round trip: the changes already applied under
 * these ids in this response (where a change id is unique: a browser resends a change only to its
 * own response) and the current state of these cells of the response.
 * Run it after lockResponse, in the same transaction: each statement then sees the changes that
 * a concurrent batch of the same response committed while this one waited for the lock.
 */
export async function readChangeState(db: Db, response: ResponseRef, ids: string[], keys: string[]) {
  const { rows } = await sql<{
    prior: boolean;
    id: string | null;
    key: string;
    value: string | null;
    version: number;
  }>`SELECT true AS prior, change_id::text AS id, cell_key AS key, new_value AS value, version
       FROM cell_changes
      WHERE collection_id = ${response.collectionId} AND response_id = ${response.id}
        AND change_id = ANY(${ids}::uuid[])
     UNION ALL
     SELECT false, NULL, cell_key, value, version
       FROM response_cells WHERE response_id = ${response.id} AND cell_key = ANY(${keys}::text[])`.execute(
    db,
  );
  const prior: PriorChange[] = [];
  const cells: StoredCell[] = [];
  for (const r of rows) {
    if (!r.prior) cells.push({ key: r.key, value: r.value, version: r.version });
    else if (r.id !== null) prior.push({ id: r.id, key: r.key, value: r.value, version: r.version });
  }
  return { prior, cells };
}

/**
 * Stores a batch in one statement: the cells' new values and versions, a history line per change,
 * and the response's status («Не приступило» → «В работе»; «Сдано» stays) and last change.
 */
export async function writeCells(
  db: Db,
  response: ResponseRef,
  writes: CellWrite[],
  user: CurrentUser,
  ip: string,
  /** Where the changes came from: null typed in the table, 'excel' «Загрузить из Excel». */
  source: CellChangeSource = null,
) {
  if (writes.length === 0) return;
  const responseId = response.id;
  // A cell changed twice in one batch is stored once, at its last version; both changes are history.
  const latest = [...new Map(writes.map((w) => [w.key, w])).values()];
  await sql`WITH cells AS (
      INSERT INTO response_cells (response_id, cell_key, value, version, updated_at, updated_by)
      SELECT ${responseId}::int, k, v, n, now(), ${user.id}::int
        FROM unnest(${latest.map((w) => w.key)}::text[], ${latest.map((w) => w.value)}::text[],
                    ${latest.map((w) => w.version)}::int[]) AS t(k, v, n)
      ON CONFLICT (response_id, cell_key) DO UPDATE
        SET value = excluded.value, version = excluded.version,
            updated_at = excluded.updated_at, updated_by = excluded.updated_by
    ), history AS (
      INSERT INTO cell_changes (collection_id, change_id, response_id, cell_key, old_value, new_value, version,
                                user_id, user_login, ip, source)
      SELECT ${response.collectionId}::int, id, ${responseId}::int, k, o, v, n, ${user.id}::int,
             ${user.login}::text, ${ip}::text, ${source}::text
        FROM unnest(${writes.map((w) => w.changeId)}::uuid[], ${writes.map((w) => w.key)}::text[],
                    ${writes.map((w) => w.oldValue)}::text[], ${writes.map((w) => w.value)}::text[],
                    ${writes.map((w) => w.version)}::int[]) AS t(id, k, o, v, n)
    )
    UPDATE responses
       SET status = CASE WHEN status = 'not_started' THEN 'in_progress' ELSE status END,
           started_at = coalesce(started_at, now()),
           last_changed_at = now()
     WHERE id = ${responseId}`.execute(db);
}

/**
 * One page of a cell's history, newest first: `limit` changes before `beforeVersion` (a cell's
 * versions are unique and grow with each change), and one more to tell whether a next page exists.
 */
export function cellHistoryPage(
  db: Db,
  response: ResponseRef,
  key: string,
  page: { limit: number; beforeVersion?: number },
) {
  let q = db
    .selectFrom('cell_changes')
    .select([
      'at',
      'user_login as userLogin',
      'old_value as oldValue',
      'new_value as newValue',
      'version',
      'source',
    ])
    .where('collection_id', '=', response.collectionId)
    .where('response_id', '=', response.id)
    .where('cell_key', '=', key)
    .orderBy('version', 'desc')
    .limit(page.limit + 1);
  if (page.beforeVersion !== undefined) q = q.where('version', '<', page.beforeVersion);
  return q.execute();
}

/** The «Сбор данных» blocks of an organization: each collection it takes part in. */
export function listDataCollectionBlocks(db: Db, viewer: CurrentUser) {
  return db
    .selectFrom('responses as resp')
    .innerJoin('collections as c', 'c.id', 'resp.collection_id')
    .select([
      'c.id as collectionId',
      'c.title',
      'c.starts_at as startsAt',
      'c.ends_at as endsAt',
      'resp.id as responseId',
      'resp.status',
      'resp.started_at as startedAt',
      'resp.last_submitted_at as lastSubmittedAt',
    ])
    .select(isOpenSql('c').as('open'))
    .select(REVIEW_COLUMNS())
    .where(responsesInScope(viewer))
    .orderBy('c.starts_at', 'desc')
    .limit(50)
    .execute();
}

/** The organization a response belongs to, as the editor's header shows it. */
export function getResponseOrganization(db: Db, organizationId: number) {
  return db
    .selectFrom('organizations as o')
    .innerJoin('regions as r', 'r.code', 'o.region_code')
    .select(['o.code', 'o.short_name as shortName', 'r.timezone'])
    .where('o.id', '=', organizationId)
    .executeTakeFirstOrThrow();
}

/** A form version's definition (the cache in definitions.ts keeps it). */
export function getVersionDefinition(db: Db, versionId: number) {
  return db
    .selectFrom('form_versions')
    .select('definition')
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
}
