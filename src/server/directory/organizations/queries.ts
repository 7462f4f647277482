// SQL for organizations. Every read goes through `visibleOrganizations`, which applies the scope.
import { sql, type Updateable } from 'kysely';
import type { CurrentUser } from '../../auth/current-user.js';
import { organizationsInScope } from '../../auth/rows/organizations.js';
import type { Db } from '../../db/connection.js';
import type { OrganizationKind, OrganizationsTable } from '../../db/schema.js';
import type { Tx } from '../../db/transaction.js';
import { type NewOrganization, organizationRow } from './insert-row.js';

function visibleOrganizations(db: Db, viewer: CurrentUser) {
  return db
    .selectFrom('organizations as o')
    .innerJoin('municipalities as m', 'm.id', 'o.municipality_id')
    .innerJoin('regions as r', 'r.code', 'o.region_code')
    .where(organizationsInScope(viewer));
}

const COLUMNS = [
  'o.id',
  'o.code',
  'o.short_name as shortName',
  'o.full_name as fullName',
  'o.kind',
  'o.region_code as regionCode',
  'r.name as regionName',
  'o.municipality_id as municipalityId',
  'm.code as municipalityCode',
  'm.name as municipalityName',
  'o.is_active as isActive',
] as const;

export type OrganizationFilter = {
  q?: string;
  regionCode?: string;
  municipalityId?: number;
  kind?: OrganizationKind;
  active?: boolean;
};

export async function listOrganizations(
  db: Db,
  viewer: CurrentUser,
  f: OrganizationFilter,
  page: { limit: number; offset: number },
) {
  let q = visibleOrganizations(db, viewer);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([
        eb('o.code', 'like', like),
        eb(eb.fn('lower', ['o.short_name']), 'like', like),
        eb(eb.fn('lower', ['o.full_name']), 'like', like),
      ]),
    );
  }
  if (f.regionCode) q = q.where('o.region_code', '=', f.regionCode);
  if (f.municipalityId) q = q.where('o.municipality_id', '=', f.municipalityId);
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('o.is_active', '=', f.active);
  const [rows, count] = await Promise.all([
    q.select(COLUMNS).orderBy('o.code').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function getOrganization(db: Db, viewer: CurrentUser, id: number) {
  return visibleOrganizations(db, viewer).select(COLUMNS).where('o.id', '=', id).executeTakeFirst();
}

export async function insertOrganization(tx: Tx, row: NewOrganization) {
  const r = await tx
    .insertInto('organizations')
    .values(organizationRow(row))
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateOrganization(tx: Tx, id: number, patch: Updateable<OrganizationsTable>) {
  await tx
    .updateTable('organizations')
    .set({ ...patch, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Ends every session of an organization's accounts (on deactivation). */
export async function deleteOrganizationSessions(tx: Tx, organizationId: number) {
  await tx
    .deleteFrom('sessions')
    .where('user_id', 'in', tx.selectFrom('users').select('id').where('organization_id', '=', organizationId))
    .execute();
}
