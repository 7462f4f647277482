// Limits repeated failed password checks: sign-ins per login and per address, sign-ins from a known
// browser per device cookie, and the current-password check of a password change per user.
//
// An attempt is counted before its password is verified, in one atomic step in the database
// (attempt-queries.ts reserveAttempt), and refused there once its bucket is full. So guesses sent
// in parallel, to any number of server processes, reach verification at most as often as the limit
// allows. A success gives its count back; a failure keeps it until the window passes.
//
// A sign-in with a valid device cookie for its login (device-cookies.ts) is counted in that cookie's
// bucket only: strangers who lock the login out do not lock out the owner's known browsers, and
// failures from a known browser lock out only that browser (OWASP's device cookies).
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { Problem } from '../http/problem.js';
import {
  type Bucket,
  clearAttempts,
  giveBackAttempt,
  type Refusal,
  reserveAttempt,
} from './attempt-queries.js';

type Limits = Config['loginLimits'];

/** An attempt that has been counted; the caller reports a success so that it stops counting. */
export type Reservation = { succeeded: () => Promise<void> };

export type SignInAttempt = { login: string; ip: string; deviceNonce: string | undefined };

/** Counts a sign-in attempt, or refuses it with 429 when the limit has been reached. */
export async function reserveSignIn(db: Db, limits: Limits, attempt: SignInAttempt): Promise<Reservation> {
  const { login, ip, deviceNonce } = attempt;
  const buckets: Bucket[] = deviceNonce
    ? [{ kind: 'device', key: deviceNonce, limit: limits.perLogin }]
    : [
        { kind: 'login', key: login, limit: limits.perLogin },
        { kind: 'ip', key: ip, limit: limits.perIp },
      ];
  const refusal = await reserveAttempt(db, buckets, limits.windowMs);
  if (refusal) throw tooMany('Слишком много неудачных попыток входа.', refusal);
  return {
    succeeded: async () => {
      if (deviceNonce) return clearAttempts(db, 'device', deviceNonce);
      // A success from a stranger's client ends the login's lockout count, as it always has; a
      // success from a known browser does not, or each of the owner's sign-ins would hand a
      // stranger a fresh set of guesses.
      await clearAttempts(db, 'login', login);
      await giveBackAttempt(db, 'ip', ip);
    },
  };
}

/** Counts a check of the current password before a password change, or refuses it with 429. */
export async function reservePasswordCheck(db: Db, limits: Limits, userId: number): Promise<Reservation> {
  const key = String(userId);
  const refusal = await reserveAttempt(
    db,
    [{ kind: 'password', key, limit: limits.perLogin }],
    limits.windowMs,
  );
  if (refusal) throw tooMany('Слишком много попыток ввести текущий пароль.', refusal);
  return { succeeded: () => clearAttempts(db, 'password', key) };
}

function tooMany(what: string, refusal: Refusal) {
  const minutes = Math.ceil(refusal.retryAfterSeconds / 60);
  return Problem.tooManyRequests(
    `${what} Повторите попытку через ${minutes} мин.`,
    refusal.retryAfterSeconds,
  );
}
