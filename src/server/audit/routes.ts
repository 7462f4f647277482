// The audit log, read by the federal operator.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditResponses } from '../../shared/api/audit.js';
import { authorize } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { DbId } from '../http/params.js';
import { auditPage } from './service.js';

const AuditQuery = z.strictObject({
  action: z.string().max(100).optional(),
  actor: z.string().max(64).optional(),
  objectType: z.string().max(50).optional(),
  objectId: z.string().max(100).optional(),
  beforeId: DbId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function auditRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/audit',
    {
      onRequest: authorize('audit.read'),
      schema: { querystring: AuditQuery, response: auditResponses.list },
    },
    async (request) => {
      const { limit, beforeId, ...filter } = request.query;
      return auditPage(opts.db, filter, { limit, beforeId });
    },
  );
}
