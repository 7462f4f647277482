// The polling loop of the background workers (exports, e-mail): the queues are tables, so each
// process looks every pollMs. One tick at a time: a long one simply delays the next poll.
import type { FastifyBaseLogger } from 'fastify';
import { isDatabaseUnavailable } from '../http/pg-errors.js';

/** Runs `tick` every `pollMs` until stopped; `name` labels its log lines. */
export function pollEvery(pollMs: number, tick: () => Promise<void>, log: FastifyBaseLogger, name: string) {
  let ticking = false;
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    tick()
      .catch((err) =>
        // While the database is away every poll fails the same way: a warning, not an error a second.
        isDatabaseUnavailable(err)
          ? log.warn({ err: { message: (err as Error).message } }, `${name}: database unavailable`)
          : log.error({ err }, name),
      )
      .finally(() => {
        ticking = false;
      });
  }, pollMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
