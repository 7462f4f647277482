// «Скачать PDF» of submitted reports: one participant's, or those a coordinator chose in a
// collection's «Список участников», in one file.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../audit/service.js';
import { authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { contextOf, type RequestContext, userOf } from '../http/context.js';
import { DbIdNumber, IdParams } from '../http/params.js';
import { attachmentDisposition } from '../publications/file-names.js';
import { ReportPdf } from './report-pdf.js';
import { chosenReports, latestReport, type Report } from './service.js';

/** How many reports one file may hold: about 300 pages, well within a browser's and a printer's reach. */
export const MAX_REPORTS_PER_FILE = 100;

const ChosenQuery = z.strictObject({
  responses: z
    .string()
    .max(2000)
    .regex(/^\d{1,10}(,\d{1,10})*$/, 'Укажите номера участников через запятую.')
    .transform((s) => s.split(',').map(Number))
    .pipe(
      z
        .array(DbIdNumber)
        .max(MAX_REPORTS_PER_FILE, `Не больше ${MAX_REPORTS_PER_FILE} отчетов в одном файле.`),
    ),
});

function auditDownloads(db: Db, ctx: RequestContext, reports: Report[]) {
  return audit(
    db,
    ctx,
    reports.map((r) => ({
      action: 'report.downloaded',
      objectType: 'response',
      objectId: r.responseId,
      details: { submissionId: r.submissionId, format: 'pdf' },
    })),
  );
}

function sendPdf(reply: FastifyReply, pdf: ReportPdf, fileName: string) {
  pdf.finish();
  return reply
    .type('application/pdf')
    .header('content-disposition', attachmentDisposition(fileName))
    .header('cache-control', 'private, no-store')
    .send(pdf.doc);
}

export async function reportRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.get(
    '/api/responses/:id/report.pdf',
    { onRequest: authorizeObject('responses.read'), schema: { params: IdParams } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const report = await latestReport(db, userOf(ctx), request.params.id);
      await auditDownloads(db, ctx, [report]);
      const fileName = `Отчет ${report.organization.code} ${report.collectionTitle}.pdf`;
      const pdf = new ReportPdf(fileName);
      pdf.addReport(report);
      return sendPdf(reply, pdf, fileName);
    },
  );

  app.get(
    '/api/monitoring/collections/:id/reports.pdf',
    { onRequest: authorizeObject('monitoring.read'), schema: { params: IdParams, querystring: ChosenQuery } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { reports, notSubmitted } = await chosenReports(
        db,
        userOf(ctx),
        request.params.id,
        request.query.responses,
      );
      await auditDownloads(db, ctx, reports);
      const title = (reports[0] as Report).collectionTitle;
      const fileName = `Отчеты ${title} (${reports.length}).pdf`;
      const pdf = new ReportPdf(fileName);
      if (notSubmitted.length > 0) pdf.addNotSubmitted(`${title}: отчеты выбранных участников`, notSubmitted);
      for (const report of reports) pdf.addReport(report);
      return sendPdf(reply, pdf, fileName);
    },
  );
}
