// «Скачать PDF» of a submitted report.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../audit/service.js';
import { authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { contextOf, userOf } from '../http/context.js';
import { IdParams } from '../http/params.js';
import { attachmentDisposition } from '../publications/file-names.js';
import { addReport, finishReports, reportDocument, reportFileName } from './report-pdf.js';
import { latestReport } from './service.js';

export async function reportRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.get(
    '/api/responses/:id/report.pdf',
    { onRequest: authorizeObject('responses.read'), schema: { params: IdParams } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const report = await latestReport(db, userOf(ctx), request.params.id);
      await audit(db, ctx, {
        action: 'report.downloaded',
        objectType: 'response',
        objectId: report.responseId,
        details: { submissionId: report.submissionId, format: 'pdf' },
      });
      const fileName = reportFileName(report.code, report.collectionTitle);
      const doc = reportDocument(fileName);
      addReport(doc, report);
      finishReports(doc);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentDisposition(fileName))
        .header('cache-control', 'private, no-store')
        .send(doc);
    },
  );
}
