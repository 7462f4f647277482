// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers, and takes
// writes: every signed-in request records its session's activity).
import type { FastifyInstance } from 'fastify';
import { operationResponses } from '../../shared/api/operations.js';
import type { Db } from '../db/connection.js';
import { isReadOnly } from '../db/read-only.js';

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
      readOnly = await isReadOnly(db);
    } catch {
      return notReady(reply, 'База данных недоступна.');
    }
    if (readOnly) return notReady(reply, 'База данных доступна только для чтения.');
    return { status: 'ok', database: 'ok' };
  });
}
