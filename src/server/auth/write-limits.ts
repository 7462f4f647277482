// The write limit: what one user may send to the write routes within a window (WRITE_LIMIT_*).
// Autosave keeps every change in the history, so without it one session could store gigabytes
// (issue 9). Counted per user, not per session, so that signing in again does not reset it, and
// in the database, so that it holds across server processes. Reading and /api/auth/* (signing
// out, keeping the session alive) are never limited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { Problem } from '../http/problem.js';
import { countWrite } from './write-limit-queries.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The characters a request asks to store (autosave: its values); they count against the limit. */
    writeCharacters?: (body: unknown) => number;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isLimited(request: FastifyRequest): boolean {
  const route = request.routeOptions.url ?? '';
  return (
    !SAFE_METHODS.has(request.method) &&
    request.user !== null &&
    route.startsWith('/api/') &&
    !route.startsWith('/api/auth/')
  );
}

/** «через 40 с», «через 7 мин». */
export function retryIn(seconds: number): string {
  return seconds < 60 ? `${seconds} с` : `${Math.ceil(seconds / 60)} мин`;
}

async function writeLimitsPlugin(app: FastifyInstance, opts: { db: Db; limits: Config['writeLimits'] }) {
  const { db, limits } = opts;
  // A preHandler: after sign-in, CSRF, the policy and validation, so that only writes that would
  // otherwise run are counted, and before the handler, so that a refused one changes nothing.
  app.addHook('preHandler', async (request) => {
    if (!isLimited(request)) return;
    const user = request.user as NonNullable<FastifyRequest['user']>;
    const characters = request.routeOptions.config?.writeCharacters?.(request.body) ?? 0;
    const count = await countWrite(db, user.id, characters, limits.windowMs);
    if (count.requests <= limits.requests && count.characters <= limits.characters) return;
    const seconds = Math.max(1, count.secondsLeft);
    throw Problem.tooManyRequests(
      `Слишком много изменений за короткое время. Повторите через ${retryIn(seconds)}.`,
      seconds,
    );
  });
}

export const writeLimits = fp(writeLimitsPlugin, { name: 'write-limits', dependencies: ['authentication'] });
