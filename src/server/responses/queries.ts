// SQL for responses: the participant row (scoped), its cells, their history, its snapshots.
import { sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { responsesInScope } from '../auth/scope.js';
import { isOpenSql } from '../collections/queries.js';
import type { Db } from '../db/connection.js';

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
    .where('resp.id', '=', id)
    .executeTakeFirst();
}

/** The same, locking the participant row: concurrent batches of one response apply one at a time. */
export function lockResponse(db: Db, viewer: CurrentUser, id: number) {
  return visibleResponses(db, viewer)
    .select(RESPONSE_COLUMNS)
    .select(isOpenSql('c').as('open'))
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
    q = q.where('cell_key', 'in', keys);
  }
  return q.execute();
}

export type CellWrite = {
  key: string;
  value: string | null;
  version: number;
  changeId: string;
  oldValue: string | null;
};

export async function writeCells(
  db: Db,
  responseId: number,
  writes: CellWrite[],
  user: CurrentUser,
  ip: string,
) {
  if (writes.length === 0) return;
  await db
    .insertInto('response_cells')
    .values(
      writes.map((w) => ({
        response_id: responseId,
        cell_key: w.key,
        value: w.value,
        version: w.version,
        updated_at: sql`now()`,
        updated_by: user.id,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['response_id', 'cell_key']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        version: eb.ref('excluded.version'),
        updated_at: eb.ref('excluded.updated_at'),
        updated_by: eb.ref('excluded.updated_by'),
      })),
    )
    .execute();
  await db
    .insertInto('cell_changes')
    .values(
      writes.map((w) => ({
        change_id: w.changeId,
        response_id: responseId,
        cell_key: w.key,
        old_value: w.oldValue,
        new_value: w.value,
        version: w.version,
        user_id: user.id,
        user_login: user.login,
        ip,
      })),
    )
    .execute();
}

export function findChanges(db: Db, ids: string[]) {
  return db
    .selectFrom('cell_changes')
    .select([
      'change_id as id',
      'response_id as responseId',
      'cell_key as key',
      'new_value as value',
      'version',
    ])
    .where('change_id', 'in', ids)
    .execute();
}

/** The first saved change moves «Не приступило» to «В работе»; «Сдано» stays. */
export async function markChanged(db: Db, responseId: number) {
  await db
    .updateTable('responses')
    .set({
      status: sql`CASE WHEN status = 'not_started' THEN 'in_progress' ELSE status END`,
      started_at: sql`coalesce(started_at, now())`,
      last_changed_at: sql`now()`,
    })
    .where('id', '=', responseId)
    .execute();
}

export function cellHistory(db: Db, responseId: number, key: string) {
  return db
    .selectFrom('cell_changes')
    .select(['at', 'user_login as userLogin', 'old_value as oldValue', 'new_value as newValue', 'version'])
    .where('response_id', '=', responseId)
    .where('cell_key', '=', key)
    .orderBy('at', 'desc')
    .orderBy('version', 'desc')
    .limit(200)
    .execute();
}
