// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers, and takes
// writes: every signed-in request records its session's activity).
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { operationResponses } from '../../shared/api/operations.js';
import type { Db } from '../db/connection.js';

function notReady(reply: import('fastify').FastifyReply, detail: string) {
  return reply.status(503).type('application/problem+json; charset=utf-8').send({
    type: 'about:blank#not_ready',
    title: 'not_ready',
    status: 503,
    detail,
  });
}

export function installHealth(app: FastifyInstance, db: Db) {
  const live = { logLevel: 'warn', schema: { response: operationResponses.healthz } } as const;
  app.get('/healthz', live, async () => ({ status: 'ok' }));

  const ready = { logLevel: 'warn', schema: { response: operationResponses.readyz } } as const;
  app.get('/readyz', ready, async (_request, reply) => {
    let readOnly: boolean;
    try {
      // A standby, or a demoted primary after a failover, answers reads and refuses every write.
      const { rows } = await sql<{
        ro: string;
      }>`SELECT current_setting('transaction_read_only') AS ro`.execute(db);
      readOnly = rows[0]?.ro === 'on';
    } catch {
      return notReady(reply, 'База данных недоступна.');
    }
    if (readOnly) return notReady(reply, 'База данных доступна только для чтения.');
    return { status: 'ok', database: 'ok' };
  });
}
