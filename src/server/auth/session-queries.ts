// SQL for sessions: one row per signed-in browser, keyed by the hash of its cookie token.
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';

export async function insertSession(
  db: Db,
  row: { id: string; userId: number; expiresAt: Date; ip: string; userAgent: string },
) {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      user_id: row.userId,
      expires_at: row.expiresAt,
      ip: row.ip,
      user_agent: row.userAgent,
    })
    .execute();
}

/** The live session and its user with everything the scope needs, or undefined. */
export function findLiveSession(db: Db, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('municipalities as m', (j) =>
      j.on(
        'm.id',
        '=',
        sql<number>`coalesce(${sql.ref('u.municipality_id')}, ${sql.ref('o.municipality_id')})`,
      ),
    )
    .leftJoin('regions as r', (j) =>
      j.on('r.code', '=', sql<string>`coalesce(${sql.ref('u.region_code')}, ${sql.ref('m.region_code')})`),
    )
    .select([
      's.id as sessionId',
      's.expires_at as expiresAt',
      's.last_seen_at as lastSeenAt',
      'u.id',
      'u.login',
      'u.role',
      'u.full_name as fullName',
      'u.must_change_password as mustChangePassword',
      'u.organization_id as organizationId',
      'm.id as municipalityId',
      'r.code as regionCode',
      'r.timezone as regionTimezone',
      'o.short_name as organizationName',
      'm.name as municipalityName',
      'r.name as regionName',
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.is_active', '=', true)
    .where((eb) => eb.or([eb('o.id', 'is', null), eb('o.is_active', '=', true)]))
    .executeTakeFirst();
}

export async function extendSession(db: Db, id: string, idleMs: number) {
  await db
    .updateTable('sessions')
    .set({
      last_seen_at: sql`now()`,
      expires_at: sql`now() + ${`${Math.round(idleMs / 1000)} seconds`}::interval`,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Db, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user but, optionally, one (after a password change or reset). */
export async function deleteUserSessions(db: Db, userId: number, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db) {
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).execute();
}
