// A participant's response: read it, autosave changes, «Сдать отчет», a cell's «История».
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { responseResponses } from '../../shared/api/responses.js';
import { authorize, authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { contextOf, userOf } from '../http/context.js';
import { DbId, IdParams, INT4_MAX } from '../http/params.js';
import { applyChanges } from './autosave.js';
import { dataCollectionBlocks, historyOfCell, responseForEditor } from './service.js';
import { submitResponse } from './submit.js';

export const MAX_BATCH = 200;

const ChangesBody = z.strictObject({
  changes: z
    .array(
      z.strictObject({
        id: z.uuid('Идентификатор изменения должен быть UUID.'),
        cell: z.string().min(5).max(130),
        value: z.string().max(10_000).nullable(),
        base: z.number().int().min(0).max(INT4_MAX),
      }),
    )
    .min(1)
    .max(MAX_BATCH, `Не больше ${MAX_BATCH} изменений в одном запросе.`)
    .refine(
      (list) => new Set(list.map((c) => c.id)).size === list.length,
      'Идентификаторы изменений повторяются.',
    ),
});

/** A page of a cell's history: `limit` changes before the version `beforeVersion` (the cursor). */
const HistoryQuery = z.strictObject({
  cell: z.string().min(5).max(130),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  beforeVersion: DbId.optional(),
});

function valueCharacters(body: z.infer<typeof ChangesBody>): number {
  return body.changes.reduce((n, c) => n + (c.value?.length ?? 0), 0);
}

export async function responseRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  const blocks = { onRequest: authorize('responses.fill'), schema: { response: responseResponses.blocks } };
  app.get('/api/niko/data-collection', blocks, async (request) => ({
    rows: await dataCollectionBlocks(db, userOf(contextOf(request))),
  }));

  app.get(
    '/api/responses/:id',
    {
      onRequest: authorizeObject('responses.read'),
      schema: { params: IdParams, response: responseResponses.editor },
    },
    async (request) => responseForEditor(db, userOf(contextOf(request)), request.params.id),
  );

  app.post(
    '/api/responses/:id/changes',
    {
      onRequest: authorizeObject('responses.fill'),
      schema: { params: IdParams, body: ChangesBody, response: responseResponses.changes },
      // The values go into the cells and the history: they count against the write limit.
      config: { writeCharacters: (body) => valueCharacters(body as z.infer<typeof ChangesBody>) },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const results = await inTransaction(db, (tx) =>
        applyChanges(tx, ctx, request.params.id, request.body.changes),
      );
      const conflicts = results.filter((r) => r.status === 'conflict').length;
      if (conflicts === 0) return { results };
      // Changes to other cells are applied; the conflicting ones wait for the person to choose.
      return reply.status(409).type('application/problem+json; charset=utf-8').send({
        type: 'about:blank#cell_conflict',
        title: 'cell_conflict',
        status: 409,
        detail:
          'Пока вы редактировали, другой пользователь изменил эти ячейки. Выберите, какое значение оставить.',
        results,
      });
    },
  );

  app.post(
    '/api/responses/:id/submit',
    {
      onRequest: authorizeObject('responses.fill'),
      schema: { params: IdParams, response: responseResponses.submitted },
    },
    async (request) => {
      const ctx = contextOf(request);
      return inTransaction(db, (tx) => submitResponse(tx, ctx, request.params.id));
    },
  );

  app.get(
    '/api/responses/:id/history',
    {
      onRequest: authorizeObject('responses.read'),
      schema: { params: IdParams, querystring: HistoryQuery, response: responseResponses.history },
    },
    async (request) => {
      const { cell, ...page } = request.query;
      return historyOfCell(db, userOf(contextOf(request)), request.params.id, cell, page);
    },
  );
}
