// SQL for issuing one-time passwords: which organization accounts a selection names (always within
// the viewer's scope), and the one statement that stores their new hashes.
import { sql } from 'kysely';
import type { CurrentUser } from '../../auth/current-user.js';
import { organizationsInScope } from '../../auth/rows/organizations.js';
import { anyInt } from '../../db/arrays.js';
import type { Db } from '../../db/connection.js';
import type { Tx } from '../../db/transaction.js';

/** Which accounts: those of chosen organizations, or every one that has never signed in. */
export type AccountSelection =
  | { mode: 'organizations'; organizationIds: number[] }
  | { mode: 'neverSignedIn'; regionCode?: string; municipalityId?: number };

export type IssuableAccount = {
  userId: number;
  login: string;
  organizationId: number;
  organizationCode: string;
  organizationName: string;
  municipalityName: string;
  regionName: string;
};

/**
 * The active accounts of active organizations in the viewer's scope that the selection names. Only
 * organizations' accounts: a coordinator's account never gets a password from a list.
 */
function issuable(db: Db, viewer: CurrentUser, selection: AccountSelection) {
  let q = db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .where(organizationsInScope(viewer))
    .where('u.role', '=', 'organization')
    .where('u.is_active', '=', true)
    .where('o.is_active', '=', true);
  if (selection.mode === 'organizations') {
    q = q.where('o.id', '=', anyInt(selection.organizationIds));
  } else {
    q = q.where('u.last_sign_in_at', 'is', null);
    if (selection.regionCode) q = q.where('o.region_code', '=', selection.regionCode);
    if (selection.municipalityId) q = q.where('o.municipality_id', '=', selection.municipalityId);
  }
  return q;
}

/** How many accounts and organizations the selection names: what the confirmation says. */
export async function countIssuable(db: Db, viewer: CurrentUser, selection: AccountSelection) {
  const row = await issuable(db, viewer, selection)
    .select((eb) => [
      eb.fn.countAll<number>().as('accounts'),
      eb.fn.count<number>('o.id').distinct().as('organizations'),
    ])
    .executeTakeFirstOrThrow();
  return { accounts: Number(row.accounts), organizations: Number(row.organizations) };
}

/** The accounts themselves, by organization code then login: the order of the sheet and the PDF. */
export function listIssuable(db: Db, viewer: CurrentUser, selection: AccountSelection) {
  return issuable(db, viewer, selection)
    .innerJoin('municipalities as m', 'm.id', 'o.municipality_id')
    .innerJoin('regions as r', 'r.code', 'o.region_code')
    .select([
      'u.id as userId',
      'u.login',
      'o.id as organizationId',
      'o.code as organizationCode',
      'o.full_name as organizationName',
      'm.name as municipalityName',
      'r.name as regionName',
    ])
    .orderBy('o.code')
    .orderBy('u.login')
    .execute() as Promise<IssuableAccount[]>;
}

/** The organizations among `ids` the viewer sees (the rest are out of scope or missing). */
export async function organizationsSeen(db: Db, viewer: CurrentUser, ids: number[]) {
  const rows = await db
    .selectFrom('organizations as o')
    .select('o.id')
    .where('o.id', '=', anyInt(ids))
    .where(organizationsInScope(viewer))
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Stores the new hashes, each forcing a change at the next sign-in, and answers the ids it stored.
 * With `onlyNeverSignedIn`, an account that signed in while the hashes were being computed keeps
 * its password (it is then left out of the file). One statement, the lists as two array parameters.
 */
export async function storeOneTimeHashes(
  tx: Tx,
  hashes: { userId: number; hash: string }[],
  onlyNeverSignedIn: boolean,
): Promise<number[]> {
  const ids = hashes.map((h) => h.userId);
  const values = hashes.map((h) => h.hash);
  const { rows } = await sql<{ id: number }>`
    UPDATE users AS u
       SET password_hash = v.hash, must_change_password = true, updated_at = now()
      FROM unnest(${ids}::int[], ${values}::text[]) AS v(id, hash)
     WHERE u.id = v.id AND u.is_active
       AND (NOT ${onlyNeverSignedIn} OR u.last_sign_in_at IS NULL)
    RETURNING u.id`.execute(tx);
  return rows.map((r) => r.id);
}

/** Signs the accounts out everywhere: a session opened with the old password ends with it. */
export async function deleteSessionsOf(tx: Tx, userIds: number[]) {
  await tx.deleteFrom('sessions').where('user_id', '=', anyInt(userIds)).execute();
}
