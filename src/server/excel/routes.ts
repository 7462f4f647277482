// «Скачать форму в Excel»: a participant's form, and the operator's empty template of a form version.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { excelResponses } from '../../shared/api/excel.js';
import { authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { contextOf } from '../http/context.js';
import { IdParams } from '../http/params.js';
import { attachmentDisposition } from '../publications/file-names.js';
import { formAsWorkbook, formTemplateWorkbook } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function excelRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.get(
    '/api/responses/:id/form.xlsx',
    {
      onRequest: authorizeObject('responses.read'),
      schema: { params: IdParams, response: excelResponses.form },
    },
    async (request, reply) => {
      const { bytes, fileName } = await formAsWorkbook(db, contextOf(request), request.params.id);
      return reply
        .type(XLSX)
        .header('content-disposition', attachmentDisposition(fileName))
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );

  app.get(
    '/api/form-versions/:id/template.xlsx',
    {
      // As the designer's other version routes: the federal operator's; anyone else finds nothing.
      onRequest: authorizeObject('forms.manage'),
      schema: { params: IdParams, response: excelResponses.template },
    },
    async (request, reply) => {
      const { bytes, fileName } = await formTemplateWorkbook(db, request.params.id);
      return reply
        .type(XLSX)
        .header('content-disposition', attachmentDisposition(fileName))
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
}
