// Which user accounts a user may see, and which of them they may reset the password of.
import { type ExpressionBuilder, sql } from 'kysely';
import type { Role } from '../../../shared/roles.js';
import type { Database } from '../../db/schema.js';
import type { CurrentUser } from '../current-user.js';
import { can } from '../policy.js';
import { EVERYTHING, NOTHING } from './filters.js';

/**
 * The tables the filter reads: the account (`u`), its organization (`o`, left-joined) and its
 * municipality (`m`: the account's own or its organization's, left-joined).
 */
export type UserEb = ExpressionBuilder<
  Database & { u: Database['users']; o: Database['organizations']; m: Database['municipalities'] },
  'u' | 'o' | 'm'
>;

/**
 * Accounts the user may see: a regional coordinator those of its region, a municipal one the
 * municipal and organization accounts of its municipality, an organization only its own.
 */
export function usersInScope(viewer: CurrentUser) {
  return (eb: UserEb) => {
    const regionOfUser = sql<string>`coalesce(${sql.ref('u.region_code')}, ${sql.ref('m.region_code')})`;
    switch (viewer.role) {
      case 'federal':
        return EVERYTHING;
      case 'regional':
        return viewer.regionCode ? eb(regionOfUser, '=', viewer.regionCode) : NOTHING;
      case 'municipal':
        return viewer.municipalityId
          ? eb.and([
              eb('m.id', '=', viewer.municipalityId),
              eb('u.role', 'in', ['municipal', 'organization']),
            ])
          : NOTHING;
      case 'organization':
        return eb('u.id', '=', viewer.id);
    }
  };
}

/**
 * Whose password the user may reset, among the accounts they see: the federal operator anyone's,
 * a regional coordinator the organizations' accounts only.
 */
export function resettableRoles(user: CurrentUser): readonly Role[] {
  if (!can(user, 'users.resetPassword')) return [];
  return user.role === 'federal' ? ['federal', 'regional', 'municipal', 'organization'] : ['organization'];
}

/** May `viewer` reset the password of this account (one they see)? Sent with each user row. */
export function mayResetPassword(viewer: CurrentUser, target: { role: Role }): boolean {
  return resettableRoles(viewer).includes(target.role);
}
