// SQL for users. Reads that list or fetch users for a signed-in person go through `visibleUsers`,
// which applies the row policy of auth/rows/users.ts; lookups by login serve sign-in only.

import type { Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Role } from '../../../shared/roles.js';
import type { CurrentUser } from '../../auth/current-user.js';
import { type UserEb, usersInScope } from '../../auth/rows/users.js';
import type { Db } from '../../db/connection.js';
import type { UsersTable } from '../../db/schema.js';
import type { Tx } from '../../db/transaction.js';

export function findUserByLogin(db: Db, login: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('organizations as o', 'o.id', 'u.organization_id')
    .select([
      'u.id',
      'u.login',
      'u.password_hash as passwordHash',
      'u.is_active as isActive',
      'o.is_active as orgActive',
    ])
    .where('u.login', '=', login)
    .executeTakeFirst();
}

export async function setPassword(tx: Tx, userId: number, passwordHash: string, mustChange: boolean) {
  await tx
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, updated_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
}

export function findPasswordHash(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select('password_hash as passwordHash')
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** Users joined with the organization and municipality they belong to, narrowed to `viewer`'s scope. */
export function visibleUsers(db: Db, viewer: CurrentUser) {
  return db
    .selectFrom('users as u')
    .leftJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('municipalities as m', (j) =>
      j.on(
        'm.id',
        '=',
        sql<number>`coalesce(${sql.ref('u.municipality_id')}, ${sql.ref('o.municipality_id')})`,
      ),
    )
    .where((eb) => usersInScope(viewer)(eb as unknown as UserEb));
}

export const USER_COLUMNS = [
  'u.id',
  'u.login',
  'u.role',
  'u.full_name as fullName',
  'u.email',
  'u.is_active as isActive',
  'u.must_change_password as mustChangePassword',
  'u.region_code as regionCode',
  'u.municipality_id as municipalityId',
  'u.organization_id as organizationId',
  'o.code as organizationCode',
  'o.short_name as organizationName',
  'm.code as municipalityCode',
  'm.name as municipalityName',
  sql<string>`coalesce(${sql.ref('u.region_code')}, ${sql.ref('m.region_code')})`.as('scopeRegionCode'),
] as const;

export type UserFilter = {
  q?: string;
  role?: Role;
  regionCode?: string;
  organizationId?: number;
  active?: boolean;
};

export function listUsers(
  db: Db,
  viewer: CurrentUser,
  f: UserFilter,
  page: { limit: number; offset: number },
) {
  let q = visibleUsers(db, viewer);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([eb('u.login', 'like', like), eb(eb.fn('lower', ['u.full_name']), 'like', like)]),
    );
  }
  if (f.role) q = q.where('u.role', '=', f.role);
  if (f.organizationId) q = q.where('u.organization_id', '=', f.organizationId);
  if (f.active !== undefined) q = q.where('u.is_active', '=', f.active);
  if (f.regionCode)
    q = q.where(
      sql<string>`coalesce(${sql.ref('u.region_code')}, ${sql.ref('m.region_code')})`,
      '=',
      f.regionCode,
    );
  return Promise.all([
    q.select(USER_COLUMNS).orderBy('u.login').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]).then(([rows, count]) => ({ rows, total: Number(count.n) }));
}

export function getUser(db: Db, viewer: CurrentUser, id: number) {
  return visibleUsers(db, viewer).select(USER_COLUMNS).where('u.id', '=', id).executeTakeFirst();
}

export async function insertUser(
  tx: Tx,
  row: Omit<
    UsersTable,
    | 'id'
    | 'created_at'
    | 'updated_at'
    | 'is_active'
    | 'must_change_password'
    | 'full_name'
    | 'email'
    | 'last_sign_in_at'
  > & { full_name?: string; email?: string; must_change_password?: boolean },
) {
  const r = await tx.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUser(tx: Tx, id: number, patch: Updateable<UsersTable>) {
  await tx
    .updateTable('users')
    .set({ ...patch, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
