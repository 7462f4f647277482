// Sign-in, sign-out and password changes. Every attempt to sign in, whatever its outcome,
// lands in the audit log; every password check is first counted by the limits in login-limits.ts.

import { weakPasswordReason } from '../../shared/passwords.js';
import { audit, auditEvent } from '../audit/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { findPasswordHash, findUserByLogin, setPassword } from '../directory/users/queries.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import type { DeviceCookies } from './device-cookies.js';
import { type Reservation, reservePasswordCheck, reserveSignIn } from './login-limits.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { deleteUserSessions, noteSignIn } from './session-queries.js';
import { startSession } from './sessions.js';

// One message for a wrong login and a wrong password: the answer must not tell which.
const BAD_CREDENTIALS = 'Неверный логин или пароль.';

export type SignInInput = { login: string; password: string; deviceCookie: string | undefined };

/**
 * Signs in, or throws 401 (wrong login or password) or 429 (limit reached). Answers the session and
 * a fresh device cookie for the browser. No transaction is open while the password is verified.
 */
export async function signIn(
  db: Db,
  config: Config,
  devices: DeviceCookies,
  ctx: RequestContext & { userAgent: string },
  input: SignInInput,
) {
  const login = input.login.trim().toLowerCase();
  const attempt = { objectType: 'login', objectId: login };
  const deviceNonce = await devices.nonceFor(input.deviceCookie, login);
  let reservation: Reservation;
  try {
    reservation = await reserveSignIn(db, config.loginLimits, { login, ip: ctx.ip, deviceNonce });
  } catch (err) {
    if (err instanceof Problem && err.status === 429) {
      await auditEvent(db, ctx, { action: 'auth.login_throttled', ...attempt });
    }
    throw err;
  }
  const user = await findUserByLogin(db, login);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const active = !!user && user.isActive && user.orgActive !== false;
  if (!user || !passwordOk || !active) {
    const reason = !user ? 'unknown_login' : !passwordOk ? 'wrong_password' : 'inactive';
    await auditEvent(db, ctx, { action: 'auth.login_failed', ...attempt, details: { reason } });
    throw Problem.unauthorized(BAD_CREDENTIALS);
  }
  await reservation.succeeded();
  const session = await inTransaction(db, async (tx) => {
    const started = await startSession(tx, user.id, config.sessionIdleMs, ctx);
    await noteSignIn(tx, user.id);
    const signedIn = { ...ctx, user: { id: user.id, login: user.login } as RequestContext['user'] };
    await audit(tx, signedIn, { action: 'auth.login', ...attempt });
    return started;
  });
  return { session, deviceCookie: await devices.issue(login) };
}

/**
 * Changes the signed-in user's password. The current password is checked outside any transaction,
 * and only after the check has been counted (429 once the limit is reached, even for the right one).
 */
export async function changeOwnPassword(
  db: Db,
  config: Config,
  ctx: RequestContext,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
) {
  const user = userOf(ctx);
  const reservation = await reservePasswordCheck(db, config.loginLimits, user.id);
  const row = await findPasswordHash(db, user.id);
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw Problem.badRequest('Текущий пароль указан неверно.', [
      { path: 'currentPassword', message: 'Текущий пароль указан неверно.' },
    ]);
  }
  await reservation.succeeded();
  if (input.currentPassword === input.newPassword) {
    throw Problem.badRequest('Новый пароль должен отличаться от текущего.', [
      { path: 'newPassword', message: 'Новый пароль должен отличаться от текущего.' },
    ]);
  }
  const weak = weakPasswordReason(user.login, input.newPassword);
  if (weak) throw Problem.badRequest(weak, [{ path: 'newPassword', message: weak }]);
  const newHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (tx) => {
    await setPassword(tx, user.id, newHash, false);
    // Other browsers signed in with the old password are signed out.
    await deleteUserSessions(tx, user.id, sessionId);
    await audit(tx, ctx, { action: 'auth.password_changed', objectType: 'user', objectId: user.id });
  });
}
