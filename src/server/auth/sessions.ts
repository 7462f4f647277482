// Session lifecycle: issue a cookie token at sign-in, resolve it to a CurrentUser on each request,
// slide its idle expiry, end it at sign-out.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.js';
import type { CurrentUser } from './current-user.js';
import { deleteSession, extendSession, findLiveSession, insertSession } from './session-queries.js';

export const SESSION_COOKIE = 'niko_session';
// Sliding the expiry on every request would write a row per request; once in a while is enough.
const TOUCH_INTERVAL_MS = 15_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function startSession(
  db: Db,
  userId: number,
  idleMs: number,
  meta: { ip: string; userAgent: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + idleMs);
  await insertSession(db, {
    id: sessionIdOf(token),
    userId,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent.slice(0, 300),
  });
  return { token, expiresAt };
}

export type ResolvedSession = { sessionId: string; user: CurrentUser; expiresAt: Date };

/** `touch` false reads the session without sliding its expiry (the idle-warning poll). */
export async function resolveSession(
  db: Db,
  token: string,
  idleMs: number,
  touch: boolean,
): Promise<ResolvedSession | undefined> {
  const row = await findLiveSession(db, sessionIdOf(token));
  if (!row) return undefined;
  let expiresAt = row.expiresAt;
  if (touch && Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await extendSession(db, row.sessionId, idleMs);
    expiresAt = new Date(Date.now() + idleMs);
  }
  const user: CurrentUser = {
    id: row.id,
    login: row.login,
    role: row.role,
    fullName: row.fullName,
    mustChangePassword: row.mustChangePassword,
    regionCode: row.regionCode,
    municipalityId: row.municipalityId,
    organizationId: row.organizationId,
    regionTimezone: row.regionTimezone,
    scopeName: row.organizationName ?? row.municipalityName ?? row.regionName ?? 'Российская Федерация',
  };
  return { sessionId: row.sessionId, user, expiresAt };
}

/** Slides the session's idle expiry («Продолжить работу»); answers the new one. */
export async function keepSessionAlive(db: Db, sessionId: string, idleMs: number) {
  await extendSession(db, sessionId, idleMs);
  return { expiresAt: new Date(Date.now() + idleMs).toISOString() };
}

export async function endSession(db: Db, token: string) {
  await deleteSession(db, sessionIdOf(token));
}
