// Sign-in, sign-out and password changes. Every attempt to sign in, whatever its outcome,
// lands in the audit log; failures also feed the limits in login-limits.ts.

import { weakPasswordReason } from '../../shared/passwords.js';
import { audit } from '../audit/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { findPasswordHash, findUserByLogin, setPassword } from '../directory/users/queries.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { assertLoginAllowed } from './login-limits.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { deleteUserSessions } from './session-queries.js';
import { startSession } from './sessions.js';

// One message for a wrong login and a wrong password: the answer must not tell which.
const BAD_CREDENTIALS = 'Неверный логин или пароль.';

export async function signIn(
  db: Db,
  config: Config,
  ctx: RequestContext & { userAgent: string },
  input: { login: string; password: string },
) {
  const login = input.login.trim().toLowerCase();
  const attempt = { objectType: 'login', objectId: login };
  try {
    await assertLoginAllowed(db, config.loginLimits, login, ctx.ip);
  } catch (err) {
    await audit(db, ctx, { action: 'auth.login_throttled', ...attempt });
    throw err;
  }
  const user = await findUserByLogin(db, login);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const active = !!user && user.isActive && user.orgActive !== false;
  if (!user || !passwordOk || !active) {
    const reason = !user ? 'unknown_login' : !passwordOk ? 'wrong_password' : 'inactive';
    await audit(db, ctx, { action: 'auth.login_failed', ...attempt, details: { reason } });
    throw Problem.unauthorized(BAD_CREDENTIALS);
  }
  const session = await startSession(db, user.id, config.sessionIdleMs, ctx);
  await audit(
    db,
    { ...ctx, user: { id: user.id, login: user.login } as RequestContext['user'] },
    {
      action: 'auth.login',
      ...attempt,
    },
  );
  return session;
}

export async function changeOwnPassword(
  db: Db,
  ctx: RequestContext,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
) {
  const user = userOf(ctx);
  const row = await findPasswordHash(db, user.id);
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw Problem.badRequest('Текущий пароль указан неверно.', [
      { path: 'currentPassword', message: 'Текущий пароль указан неверно.' },
    ]);
  }
  if (input.currentPassword === input.newPassword) {
    throw Problem.badRequest('Новый пароль должен отличаться от текущего.', [
      { path: 'newPassword', message: 'Новый пароль должен отличаться от текущего.' },
    ]);
  }
  const weak = weakPasswordReason(user.login, input.newPassword);
  if (weak) throw Problem.badRequest(weak, [{ path: 'newPassword', message: weak }]);
  await setPassword(db, user.id, await hashPassword(input.newPassword), false);
  // Other browsers signed in with the old password are signed out.
  await deleteUserSessions(db, user.id, sessionId);
  await audit(db, ctx, { action: 'auth.password_changed', objectType: 'user', objectId: user.id });
}
