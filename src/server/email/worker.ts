// The e-mail worker that runs in every server process where SMTP_URL is set. The queue is the
// email_outbox table, written in the same transaction as what the message tells about, so a
// message is never sent for something rolled back, nor lost for something stored; it survives
// restarts, and any process may send any message (claims use FOR UPDATE SKIP LOCKED).
//
// Delivery is at least once: a process that dies after the SMTP server accepted a message but
// before it marked it sent leaves it to be sent again once its lease runs out. SMTP gives no way
// to ask whether a message was taken, so a rare duplicate is the price of never losing one.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connection.js';
import { isDatabaseUnavailable } from '../http/pg-errors.js';
import { pollEvery } from '../ops/poll.js';
import type { Mailer } from './mailer.js';
import { claimEmails, markFailed, markSent, release } from './queries.js';

export type EmailWorkerOptions = {
  pollMs: number;
  /** The wait after the first failure; it doubles after each one, up to a day. */
  retryMs: number;
  maxAttempts: number;
  leaseMs: number;
  /** Messages claimed at a time. */
  batch?: number;
};

const MAX_BACKOFF_MS = 24 * 3600_000;

/** The wait before the next try after `attempts` failed ones: retryMs, 2×, 4×, … */
export function backoffMs(attempts: number, retryMs: number) {
  return Math.min(MAX_BACKOFF_MS, retryMs * 2 ** Math.max(0, attempts - 1));
}

export function startEmailWorker(db: Db, mailer: Mailer, log: FastifyBaseLogger, opts: EmailWorkerOptions) {
  let stopped = false;

  async function sendOne(m: Awaited<ReturnType<typeof claimEmails>>[number]) {
    const lease = { id: m.id, attempt: m.attempts };
    try {
      await mailer.send({ to: m.toAddress, subject: m.subject, text: m.body });
      if (!(await markSent(db, lease)))
        log.warn({ email: m.id }, 'e-mail sent after its lease was taken over');
    } catch (err) {
      if (isDatabaseUnavailable(err)) throw err;
      const final = m.attempts >= opts.maxAttempts;
      const wait = backoffMs(m.attempts, opts.retryMs);
      log.warn(
        {
          email: m.id,
          attempt: m.attempts,
          final,
          retryInMs: final ? undefined : wait,
          err: { message: (err as Error).message },
        },
        'e-mail not sent',
      );
      await markFailed(db, lease, (err as Error).message ?? String(err), wait, final);
    }
  }

  /** Sends what is due, a batch at a time, until nothing is left or the worker stops. */
  async function tick() {
    while (!stopped) {
      const due = await claimEmails(db, opts.batch ?? 10, opts.leaseMs);
      if (due.length === 0) return;
      for (const m of due) {
        if (stopped) await release(db, { id: m.id, attempt: m.attempts });
        else await sendOne(m);
      }
    }
  }

  const poller = pollEvery(opts.pollMs, tick, log, 'e-mail worker');

  return {
    async stop() {
      stopped = true;
      poller.stop();
      // A message being sent right now is left to its lease: it may already be on its way.
      mailer.close();
    },
  };
}
