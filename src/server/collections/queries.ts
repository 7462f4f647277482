// SQL for collections and their participants (one `responses` row per participant).
import { type ExpressionBuilder, sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { collectionsInScope } from '../auth/rows/collections.js';
import { responsesInScope } from '../auth/rows/responses.js';
import { anyText } from '../db/arrays.js';
import type { Db } from '../db/connection.js';
import type { Database, OrganizationKind } from '../db/schema.js';
import type { Tx } from '../db/transaction.js';

/** «Открыт» only between start and end, and only while the operator has not closed it. */
export const isOpenSql = (alias: 'c') =>
  sql<boolean>`(${sql.ref(`${alias}.closed_at`)} IS NULL AND now() >= ${sql.ref(`${alias}.starts_at`)} AND now() < ${sql.ref(`${alias}.ends_at`)})`;

const COLUMNS = [
  'c.id',
  'c.title',
  'c.form_version_id as formVersionId',
  'c.starts_at as startsAt',
  'c.ends_at as endsAt',
  'c.closed_at as closedAt',
  'c.updated_at as updatedAt',
] as const;

/** Collections the user takes part in or watches: the federal operator sees all. */
function visibleCollections(db: Db, viewer: CurrentUser) {
  return db.selectFrom('collections as c').where(collectionsInScope(viewer));
}

export function listCollections(db: Db, viewer: CurrentUser) {
  return visibleCollections(db, viewer)
    .innerJoin('form_versions as v', 'v.id', 'c.form_version_id')
    .innerJoin('forms as f', 'f.id', 'v.form_id')
    .select(COLUMNS)
    .select(['f.title as formTitle', 'v.version as formVersion'])
    .select(isOpenSql('c').as('open'))
    .select((eb) =>
      eb
        .selectFrom('responses as resp')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('resp.collection_id', '=', 'c.id')
        .where(responsesInScope(viewer))
        .as('participants'),
    )
    .orderBy('c.starts_at', 'desc')
    .execute();
}

/** One collection the viewer may see, as a query others may add columns to (alias `c`). */
export function collectionQuery(db: Db, viewer: CurrentUser, id: number) {
  return visibleCollections(db, viewer)
    .select(COLUMNS)
    .select(isOpenSql('c').as('open'))
    .where('c.id', '=', id);
}

export function getCollection(db: Db, viewer: CurrentUser, id: number) {
  return collectionQuery(db, viewer, id).executeTakeFirst();
}

export async function insertCollection(
  tx: Tx,
  row: { title: string; formVersionId: number; startsAt: Date; endsAt: Date; userId: number },
) {
  const r = await tx
    .insertInto('collections')
    .values({
      title: row.title,
      form_version_id: row.formVersionId,
      starts_at: row.startsAt,
      ends_at: row.endsAt,
      created_by: row.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCollection(
  tx: Tx,
  id: number,
  patch: { title?: string; endsAt?: Date; closedAt?: Date | null },
) {
  await tx
    .updateTable('collections')
    .set({
      title: patch.title,
      ends_at: patch.endsAt,
      closed_at: patch.closedAt,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export type ParticipantFilter = { regionCodes?: string[]; kinds?: OrganizationKind[]; codes?: string[] };

function matchingOrganizations(eb: ExpressionBuilder<Database, never>, f: ParticipantFilter) {
  let q = eb.selectFrom('organizations as o').where('o.is_active', '=', true);
  if (f.regionCodes?.length) q = q.where('o.region_code', '=', anyText(f.regionCodes));
  if (f.kinds?.length) q = q.where('o.kind', '=', anyText(f.kinds));
  if (f.codes?.length) q = q.where('o.code', '=', anyText(f.codes));
  return q;
}

/** Adds the matching active organizations that are not participants yet; returns how many. */
export async function addParticipants(tx: Tx, collectionId: number, f: ParticipantFilter) {
  const rows = await tx
    .insertInto('responses')
    .columns(['collection_id', 'organization_id', 'region_code', 'municipality_id'])
    .expression((eb) =>
      matchingOrganizations(eb as unknown as ExpressionBuilder<Database, never>, f).select([
        sql<number>`${collectionId}::int`.as('collection_id'),
        'o.id',
        'o.region_code',
        'o.municipality_id',
      ]),
    )
    .onConflict((oc) => oc.columns(['collection_id', 'organization_id']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/** Which of these codes name no active organization, each once. */
export async function unknownOrganizationCodes(db: Db, codes: string[]) {
  const distinct = [...new Set(codes)];
  if (distinct.length === 0) return [];
  const found = await db
    .selectFrom('organizations')
    .select('code')
    .where('code', '=', anyText(distinct))
    .where('is_active', '=', true)
    .execute();
  const known = new Set(found.map((r) => r.code));
  return distinct.filter((c) => !known.has(c));
}

export function formVersionExists(db: Db, id: number) {
  return db.selectFrom('form_versions').select('id').where('id', '=', id).executeTakeFirst();
}
