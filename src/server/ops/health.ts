// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers too).
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';

export function installHealth(app: FastifyInstance, db: Db) {
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(db);
      return { status: 'ok', database: 'ok' };
    } catch {
      return reply.status(503).type('application/problem+json; charset=utf-8').send({
        type: 'about:blank#not_ready',
        title: 'not_ready',
        status: 503,
        detail: 'База данных недоступна.',
      });
    }
  });
}
