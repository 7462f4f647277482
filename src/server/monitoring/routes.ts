// Monitoring a collection (manual §3): statistics, the participant list, submitted data.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { monitoringResponses } from '../../shared/api/monitoring.js';
import { REVIEW_STATES } from '../../shared/statuses.js';
import { authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { contextOf, userOf } from '../http/context.js';
import { PagingQuery, paged, pageWindow } from '../http/paging.js';
import { DbId, IdParams } from '../http/params.js';
import { collectionStats, PARTICIPANT_SORTS, participantList, submittedData } from './service.js';

const Area = {
  regionCode: z
    .string()
    .regex(/^[0-9]{2}$/, 'Код региона — две цифры.')
    .optional(),
  municipalityId: DbId.optional(),
};
const SORT_KEYS = PARTICIPANT_SORTS;

const ListQuery = z.strictObject({
  ...Area,
  q: z.string().trim().max(100).optional(),
  status: z.enum(['not_started', 'in_progress', 'submitted']).optional(),
  review: z.enum(REVIEW_STATES).optional(),
  sort: z.enum(SORT_KEYS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  ...PagingQuery,
});

export async function monitoringRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const watch = authorizeObject('monitoring.read');

  app.get(
    '/api/monitoring/collections/:id/stats',
    {
      onRequest: watch,
      schema: {
        params: IdParams,
        querystring: z.strictObject(Area),
        response: monitoringResponses.stats,
      },
    },
    async (request) => collectionStats(db, userOf(contextOf(request)), request.params.id, request.query),
  );

  app.get(
    '/api/monitoring/collections/:id/participants',
    {
      onRequest: watch,
      schema: { params: IdParams, querystring: ListQuery, response: monitoringResponses.participants },
    },
    async (request) => {
      const { page, pageSize, ...rest } = request.query;
      const r = await participantList(db, userOf(contextOf(request)), request.params.id, {
        ...rest,
        ...pageWindow(request.query),
      });
      return paged(r.rows, r.total, { page, pageSize });
    },
  );

  app.get(
    '/api/monitoring/responses/:id/submitted',
    { onRequest: watch, schema: { params: IdParams, response: monitoringResponses.submitted } },
    async (request) => submittedData(db, userOf(contextOf(request)), request.params.id),
  );
}
