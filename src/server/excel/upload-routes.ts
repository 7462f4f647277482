// «Загрузить из Excel»: the preview of a filled-in form file, and «Применить» (upload-service.ts).
// Both take the file itself (multipart `file`): the browser still holds it, and the server keeps
// nothing between the two.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { excelUploadResponses } from '../../shared/api/excel-upload.js';
import { authorizeObject } from '../auth/plugin.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { contextOf } from '../http/context.js';
import { IdParams } from '../http/params.js';
import { readFormUpload } from './upload-multipart.js';
import { applyUpload, previewUpload, readUploadFor } from './upload-service.js';

export async function excelUploadRoutes(fastify: FastifyInstance, opts: { db: Db; config: Config }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config } = opts;

  app.post(
    '/api/responses/:id/excel-upload/preview',
    {
      onRequest: authorizeObject('responses.fill'),
      schema: { params: IdParams, response: excelUploadResponses.preview },
    },
    async (request) => {
      const read = () => readFormUpload(request, config.importLimitBytes);
      return previewUpload(db, contextOf(request), request.params.id, read, config.importLimits);
    },
  );

  app.post(
    '/api/responses/:id/excel-upload/apply',
    {
      onRequest: authorizeObject('responses.fill'),
      schema: { params: IdParams, response: excelUploadResponses.apply },
    },
    async (request) => {
      const ctx = contextOf(request);
      const read = () => readFormUpload(request, config.importLimitBytes);
      const file = await readUploadFor(db, ctx, request.params.id, read, config.importLimits);
      return inTransaction(db, (tx) => applyUpload(tx, ctx, request.params.id, file, config.writeLimits));
    },
  );
}
