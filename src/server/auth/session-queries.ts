// SQL for sessions: one row per signed-in browser, keyed by the hash of its cookie token.
import { sql } from 'kysely';
import type { Role } from '../../shared/roles.js';
import { deleteDueBatch } from '../db/batches.js';
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

export type LiveSessionRow = {
  sessionId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  id: number;
  login: string;
  role: Role;
  fullName: string;
  mustChangePassword: boolean;
  organizationId: number | null;
  municipalityId: number | null;
  regionCode: string | null;
  regionTimezone: string | null;
  organizationName: string | null;
  municipalityName: string | null;
  regionName: string | null;
};

/**
 * The live session and its user with everything the scope needs, or undefined.
 * Every signed-in request runs this, so it is written out once as SQL (the query builder would
 * rebuild it each time) and, being one unchanging text, runs as a prepared statement.
 */
export async function findLiveSession(db: Db, id: string): Promise<LiveSessionRow | undefined> {
  const { rows } = await sql<LiveSessionRow>`
    SELECT s.id AS "sessionId", s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt",
           u.id, u.login, u.role, u.full_name AS "fullName",
           u.must_change_password AS "mustChangePassword", u.organization_id AS "organizationId",
           m.id AS "municipalityId", r.code AS "regionCode", r.timezone AS "regionTimezone",
           o.short_name AS "organizationName", m.name AS "municipalityName", r.name AS "regionName"
      FROM sessions s
      JOIN users u ON u.id = s.user_id
      LEFT JOIN organizations o ON o.id = u.organization_id
      LEFT JOIN municipalities m ON m.id = coalesce(u.municipality_id, o.municipality_id)
      LEFT JOIN regions r ON r.code = coalesce(u.region_code, m.region_code)
     WHERE s.id = ${id} AND s.expires_at > now() AND u.is_active
       AND (o.id IS NULL OR o.is_active)`.execute(db);
  return rows[0];
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

/** A successful sign-in: what «всем, кто ни разу не входил» asks (one-time-passwords/). */
export async function noteSignIn(db: Db, userId: number) {
  await db.updateTable('users').set({ last_sign_in_at: sql`now()` }).where('id', '=', userId).execute();
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

/** One batch of sessions past their expiry (ops/maintenance.ts): they can never be used again. */
export function deleteExpiredSessions(db: Db, limit: number) {
  return deleteDueBatch(db, 'sessions', sql<boolean>`expires_at < now()`, limit);
}
