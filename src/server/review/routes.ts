// The review of submitted reports: «Принять» / «Вернуть на доработку» for one report or several,
// and a report's review history. Coordinators within their scope, the federal operator everywhere.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reviewResponses } from '../../shared/api/review.js';
import { REVIEW_COMMENT_MAX } from '../../shared/statuses.js';
import { authorize, authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { contextOf, userOf } from '../http/context.js';
import { DbIdNumber, IdParams } from '../http/params.js';
import { COMMENT_TOO_LONG, reviewHistory, reviewReport, reviewReports } from './service.js';

/** The most reports one bulk review may name: a page of «Список участников» is at most 100. */
export const MAX_BULK_REVIEW = 500;

const Decision = {
  decision: z.enum(['accept', 'return'], 'Укажите решение: принять или вернуть на доработку.'),
  // Required for a return: the service says so in Russian, naming the field.
  comment: z.string().max(REVIEW_COMMENT_MAX, COMMENT_TOO_LONG).optional(),
  extendedUntil: z.coerce.date('Укажите дату и время.').optional(),
};

const BulkBody = z.strictObject({
  responseIds: z
    .array(DbIdNumber)
    .min(1, 'Выберите хотя бы один отчёт.')
    .max(MAX_BULK_REVIEW, `Не больше ${MAX_BULK_REVIEW} отчётов за один раз.`),
  ...Decision,
});

export async function reviewRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.post(
    '/api/responses/:id/review',
    {
      onRequest: authorizeObject('responses.review'),
      schema: { params: IdParams, body: z.strictObject(Decision), response: reviewResponses.one },
    },
    async (request) => {
      const ctx = contextOf(request);
      return inTransaction(db, (tx) => reviewReport(tx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/responses/review',
    {
      onRequest: authorize('responses.review'),
      schema: { body: BulkBody, response: reviewResponses.many },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { responseIds, ...decision } = request.body;
      return { rows: await inTransaction(db, (tx) => reviewReports(tx, ctx, responseIds, decision)) };
    },
  );

  app.get(
    '/api/responses/:id/review-history',
    {
      onRequest: authorizeObject('responses.read'),
      schema: { params: IdParams, response: reviewResponses.history },
    },
    async (request) => reviewHistory(db, userOf(contextOf(request)), request.params.id),
  );
}
