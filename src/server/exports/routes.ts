// Export jobs: ask for one, watch its state, download the file.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { exportResponses } from '../../shared/api/monitoring.js';
import { authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { contextOf } from '../http/context.js';
import { IdParams } from '../http/params.js';
import { attachmentDisposition } from '../publications/file-names.js';
import { readChunks } from '../storage/chunk-reader.js';
import { listOwnExports, openExportDownload, ownJob, requestExport } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportRoutes(fastify: FastifyInstance, opts: { db: Db; pool: pg.Pool }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const watch = authorizeObject('monitoring.read');

  app.post(
    '/api/monitoring/collections/:id/exports',
    {
      onRequest: watch,
      schema: {
        params: IdParams,
        body: z.strictObject({
          regionCode: z
            .string()
            .regex(/^[0-9]{2}$/)
            .optional(),
        }),
        response: exportResponses.requested,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { job, created } = await inTransaction(db, (tx) =>
        requestExport(tx, ctx, request.params.id, request.body.regionCode),
      );
      // 202: a new job is queued; 200: the same request is already queued or running.
      return reply.status(created ? 202 : 200).send(job);
    },
  );

  app.get(
    '/api/monitoring/collections/:id/exports',
    { onRequest: watch, schema: { params: IdParams, response: exportResponses.list } },
    async (request) => {
      return { rows: await listOwnExports(db, contextOf(request), request.params.id) };
    },
  );

  app.get(
    '/api/exports/:id',
    { onRequest: watch, schema: { params: IdParams, response: exportResponses.one } },
    async (request) => ownJob(db, contextOf(request), request.params.id),
  );

  app.get(
    '/api/exports/:id/download',
    { onRequest: watch, schema: { params: IdParams, response: exportResponses.download } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const job = await openExportDownload(db, ctx, request.params.id);
      reply
        .type(XLSX)
        .header('content-disposition', attachmentDisposition(job.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store');
      if (job.sizeBytes) reply.header('content-length', String(job.sizeBytes));
      return reply.send(Readable.from(readChunks(opts.pool, 'export', job.id)));
    },
  );
}
