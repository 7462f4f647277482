// SQL for imports. Reads take whole lists of codes or logins in one array parameter, so checking
// tens of thousands of rows costs a handful of queries and never hits the parameter limit; writes
// go in batches for the same reason.
import { type Insertable, sql } from 'kysely';
import type { Role } from '../../../shared/roles.js';
import { anyInt, anyText } from '../../db/arrays.js';
import type { Db } from '../../db/connection.js';
import type { UsersTable } from '../../db/schema.js';
import type { Tx } from '../../db/transaction.js';
import { type NewOrganization, organizationRow } from '../organizations/insert-row.js';

const INSERT_BATCH = 1000;
const UPDATE_BATCH = 5000;

function batches<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function regionCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('regions').select('code').execute();
  return new Set(rows.map((r) => r.code));
}

export type KnownMunicipality = { id: number; regionCode: string };

export async function municipalitiesByCode(db: Db, codes: string[]) {
  const rows = await db
    .selectFrom('municipalities')
    .select(['id', 'code', 'region_code as regionCode'])
    .where('code', '=', anyText(codes))
    .execute();
  return new Map<string, KnownMunicipality>(
    rows.map((r) => [r.code, { id: r.id, regionCode: r.regionCode }]),
  );
}

export async function organizationIdsByCode(db: Db, codes: string[]) {
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'code'])
    .where('code', '=', anyText(codes))
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export type KnownUser = {
  id: number;
  role: Role;
  regionCode: string | null;
  municipalityCode: string | null;
  organizationCode: string | null;
};

export async function usersByLogin(db: Db, logins: string[]) {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('municipalities as m', 'm.id', 'u.municipality_id')
    .leftJoin('organizations as o', 'o.id', 'u.organization_id')
    .select([
      'u.id',
      'u.login',
      'u.role',
      'u.region_code as regionCode',
      'm.code as municipalityCode',
      'o.code as organizationCode',
    ])
    .where('u.login', '=', anyText(logins))
    .execute();
  return new Map<string, KnownUser>(rows.map(({ login, ...user }) => [login, user]));
}

export type OrganizationWrite = Omit<NewOrganization, 'isActive'> & {
  /** undefined on update: leave as it is. */
  isActive: boolean | undefined;
};

/** Inserts organizations; answers each new id by code. */
export async function insertOrganizations(tx: Tx, rows: OrganizationWrite[]) {
  const ids = new Map<string, number>();
  for (const batch of batches(rows, INSERT_BATCH)) {
    const inserted = await tx
      .insertInto('organizations')
      .values(batch.map((o) => organizationRow(o)))
      .returning(['id', 'code'])
      .execute();
    for (const r of inserted) ids.set(r.code, r.id);
  }
  return ids;
}

export async function updateOrganizations(db: Db, rows: OrganizationWrite[]) {
  for (const b of batches(rows, UPDATE_BATCH)) {
    await sql`
      UPDATE organizations AS o
      SET short_name = v.short_name, full_name = v.full_name, kind = v.kind, region_code = v.region_code,
          municipality_id = v.municipality_id, is_active = coalesce(v.is_active, o.is_active), updated_at = now()
      FROM unnest(${b.map((o) => o.code)}::text[], ${b.map((o) => o.shortName)}::text[],
                  ${b.map((o) => o.fullName)}::text[], ${b.map((o) => o.kind)}::text[],
                  ${b.map((o) => o.regionCode)}::text[], ${b.map((o) => o.municipalityId)}::int[],
                  ${b.map((o) => o.isActive ?? null)}::boolean[])
        AS v(code, short_name, full_name, kind, region_code, municipality_id, is_active)
      WHERE o.code = v.code`.execute(db);
  }
}

export async function insertUsers(tx: Tx, rows: Insertable<UsersTable>[]) {
  for (const batch of batches(rows, INSERT_BATCH)) await tx.insertInto('users').values(batch).execute();
}

export type UserUpdate = {
  id: number;
  fullName: string;
  email: string | undefined;
  isActive: boolean | undefined;
};

/** Name, e-mail and the active flag only: role and scope never change through an import. */
export async function updateUsers(db: Db, rows: UserUpdate[]) {
  for (const b of batches(rows, UPDATE_BATCH)) {
    await sql`
      UPDATE users AS u
      SET full_name = v.full_name, email = coalesce(v.email, u.email),
          is_active = coalesce(v.is_active, u.is_active), updated_at = now()
      FROM unnest(${b.map((u) => u.id)}::int[], ${b.map((u) => u.fullName)}::text[],
                  ${b.map((u) => u.email ?? null)}::text[], ${b.map((u) => u.isActive ?? null)}::boolean[])
        AS v(id, full_name, email, is_active)
      WHERE u.id = v.id`.execute(db);
  }
}

/** Deactivated accounts are signed out at once, as when deactivated one by one. */
export async function deleteSessionsOfUsers(tx: Tx, userIds: number[]) {
  if (userIds.length === 0) return;
  await tx.deleteFrom('sessions').where('user_id', '=', anyInt(userIds)).execute();
}

export async function deleteSessionsOfOrganizations(tx: Tx, codes: string[]) {
  if (codes.length === 0) return;
  await tx
    .deleteFrom('sessions')
    .where('user_id', 'in', (eb) =>
      eb
        .selectFrom('users as u')
        .innerJoin('organizations as o', 'o.id', 'u.organization_id')
        .select('u.id')
        .where('o.code', '=', anyText(codes)),
    )
    .execute();
}
