// SQL for the attempt counters behind the sign-in limits (login-limits.ts): one row per bucket
// (a login, an address, a device cookie, a user changing a password) and window.
import { sql } from 'kysely';
import { deleteDueBatch } from '../db/batches.js';
import type { Db } from '../db/connection.js';
import type { LoginAttemptKind } from '../db/schema.js';

export type Bucket = { kind: LoginAttemptKind; key: string; limit: number };

/** Why an attempt was not counted: a bucket is full until its window ends. */
export type Refusal = { retryAfterSeconds: number };

class BucketFull extends Error {
  constructor(readonly refusal: Refusal) {
    super('bucket full');
  }
}

type CountedRow = { kind: LoginAttemptKind; attempts: number; secondsLeft: number };

/**
 * Counts one attempt in every bucket, or in none: when a bucket would go over its limit the
 * transaction rolls back and the refusal is returned. The upsert holds each row's lock until the
 * end of this short transaction, so parallel attempts on one bucket are counted one at a time,
 * in any number of processes; the rows are taken in one order (kind, key) everywhere, so two
 * attempts never deadlock. A window that has passed starts again with this attempt.
 */
export async function reserveAttempt(
  db: Db,
  buckets: Bucket[],
  windowMs: number,
): Promise<Refusal | undefined> {
  const sorted = [...buckets].sort((a, b) => (a.kind + a.key < b.kind + b.key ? -1 : 1));
  const window = sql`(${windowMs / 1000}::float8 * interval '1 second')`;
  const passed = sql`a.window_start <= now() - ${window}`;
  try {
    await db.transaction().execute(async (tx) => {
      const { rows } = await sql<CountedRow>`
        INSERT INTO login_attempts AS a (kind, key, attempts, window_start)
        VALUES ${sql.join(sorted.map((b) => sql`(${b.kind}, ${b.key}, 1, now())`))}
        ON CONFLICT (kind, key) DO UPDATE SET
          attempts = CASE WHEN ${passed} THEN 1 ELSE a.attempts + 1 END,
          window_start = CASE WHEN ${passed} THEN now() ELSE a.window_start END
        RETURNING a.kind, a.attempts,
                  ceil(extract(epoch FROM a.window_start + ${window} - now()))::int AS "secondsLeft"`.execute(
        tx,
      );
      const full = rows.filter((r) => r.attempts > (sorted.find((b) => b.kind === r.kind)?.limit ?? 0));
      if (full.length > 0) {
        throw new BucketFull({ retryAfterSeconds: Math.max(1, ...full.map((r) => r.secondsLeft)) });
      }
    });
    return undefined;
  } catch (err) {
    if (err instanceof BucketFull) return err.refusal;
    throw err;
  }
}

/** Forgets a bucket's attempts: its owner has just proved the password. */
export async function clearAttempts(db: Db, kind: LoginAttemptKind, key: string) {
  await db.deleteFrom('login_attempts').where('kind', '=', kind).where('key', '=', key).execute();
}

/** Gives one counted attempt back: it succeeded, and only failures count against the bucket. */
export async function giveBackAttempt(db: Db, kind: LoginAttemptKind, key: string) {
  await db
    .updateTable('login_attempts')
    .set({ attempts: sql`greatest(attempts - 1, 0)` })
    .where('kind', '=', kind)
    .where('key', '=', key)
    .execute();
}

/**
 * One batch of rows whose window has passed (ops/maintenance.ts): a new attempt would start them
 * again anyway. A row an attempt has just started again is not due any more, and stays.
 */
export function sweepAttempts(db: Db, windowMs: number, limit: number) {
  const due = sql<boolean>`window_start <= now() - ${windowMs / 1000}::float8 * interval '1 second'`;
  return deleteDueBatch(db, 'login_attempts', due, limit);
}
