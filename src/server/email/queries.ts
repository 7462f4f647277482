// SQL for the e-mail outbox (migration 0016): claiming due messages (any process, each message
// to one sender at a time), and settling each under its lease.
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';

/**
 * One claim of a message: the attempt its sender was given. Every settlement names it and lands
 * only while the message is still being sent under that attempt, so a sender paused past its lease
 * that wakes after another took the message over changes nothing.
 */
export type EmailLease = { id: number; attempt: number };

/**
 * Takes up to `limit` messages that are due, or whose sender's lease ran out (it died or hung);
 * SKIP LOCKED lets any number of processes claim at once without taking the same row.
 */
export async function claimEmails(db: Db, limit: number, leaseMs: number) {
  const r = await sql<{ id: number; toAddress: string; subject: string; body: string; attempts: number }>`
    UPDATE email_outbox
       SET status = 'sending', attempts = attempts + 1,
           locked_until = now() + make_interval(secs => ${leaseMs / 1000})
     WHERE id IN (
       SELECT id FROM email_outbox
        WHERE (status = 'pending' AND next_attempt_at <= now())
           OR (status = 'sending' AND locked_until < now())
        ORDER BY next_attempt_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING id::int AS id, to_address AS "toAddress", subject, body, attempts`.execute(db);
  return r.rows;
}

function leased(db: Db, lease: EmailLease) {
  return db
    .updateTable('email_outbox')
    .where('id', '=', lease.id)
    .where('attempts', '=', lease.attempt)
    .where('status', '=', 'sending');
}

export async function markSent(db: Db, lease: EmailLease) {
  const r = await leased(db, lease)
    .set({ status: 'sent', sent_at: sql`now()`, locked_until: null, last_error: null })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A failed attempt: tried again after `retryMs`, or given up for good (`final`). */
export async function markFailed(db: Db, lease: EmailLease, error: string, retryMs: number, final: boolean) {
  const r = await leased(db, lease)
    .set({
      status: final ? 'failed' : 'pending',
      next_attempt_at: sql`now() + make_interval(secs => ${retryMs / 1000})`,
      locked_until: null,
      last_error: error.slice(0, 1000),
    })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Gives a claimed message back at once (the process is stopping); the attempt still counts. */
export async function release(db: Db, lease: EmailLease) {
  await leased(db, lease)
    .set({ status: 'pending', next_attempt_at: sql`now()`, locked_until: null })
    .execute();
}
