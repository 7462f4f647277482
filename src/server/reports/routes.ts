// «Скачать PDF» of submitted reports: one participant's, or those a coordinator chose in a
// collection's «Список участников», in one file or as a zip of a file each.
import { setImmediate } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportResponses } from '../../shared/api/reports.js';
import { authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { contextOf } from '../http/context.js';
import { DbId, DbIdNumber, IdParams } from '../http/params.js';
import { attachmentDisposition } from '../publications/file-names.js';
import { ReportPdf } from './report-pdf.js';
import { reportZip } from './report-zip.js';
import { chosenReports, latestReport, type Report, submissionsOf } from './service.js';

/** How many reports one file may hold: about 300 pages, well within a browser's and a printer's reach. */
export const MAX_REPORTS_PER_FILE = 100;

/** `submission`: one from «История сдач» instead of the latest. */
const OneQuery = z.strictObject({ submission: DbId.optional() });

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

/**
 * Sends the PDF as it is drawn: each part (a report, the list of those not submitted) is added after
 * the one before has gone out, so the first pages reach the browser before the last are drawn.
 */
async function streamPdf(reply: FastifyReply, fileName: string, parts: ((pdf: ReportPdf) => void)[]) {
  const pdf = new ReportPdf(fileName);
  reply
    .type('application/pdf')
    .header('content-disposition', attachmentDisposition(fileName))
    .header('cache-control', 'private, no-store')
    .send(pdf.doc);
  try {
    for (const part of parts) {
      part(pdf);
      // Lets the pages written so far go out before the next part is drawn.
      await setImmediate();
    }
    pdf.finish();
  } catch (err) {
    // The answer has begun: the browser sees the download fail rather than a broken file.
    pdf.doc.destroy(err instanceof Error ? err : new Error(String(err)));
  }
  return reply;
}

export async function reportRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.get(
    '/api/responses/:id/report.pdf',
    {
      onRequest: authorizeObject('responses.read'),
      schema: { params: IdParams, querystring: OneQuery, response: reportResponses.one },
    },
    async (request, reply) => {
      const { id } = request.params;
      const report = await latestReport(db, contextOf(request), id, request.query.submission);
      const fileName = `Отчет ${report.organization.code} ${report.collectionTitle}.pdf`;
      return streamPdf(reply, fileName, [(pdf) => pdf.addReport(report)]);
    },
  );

  app.get(
    '/api/responses/:id/submissions',
    {
      onRequest: authorizeObject('responses.read'),
      schema: { params: IdParams, response: reportResponses.submissions },
    },
    async (request) => submissionsOf(db, contextOf(request), request.params.id),
  );

  app.get(
    '/api/monitoring/collections/:id/reports.pdf',
    {
      onRequest: authorizeObject('monitoring.read'),
      schema: { params: IdParams, querystring: ChosenQuery, response: reportResponses.chosen },
    },
    async (request, reply) => {
      const { reports, notSubmitted } = await chosenReports(
        db,
        contextOf(request),
        request.params.id,
        request.query.responses,
      );
      const title = (reports[0] as Report).collectionTitle;
      const fileName = `Отчеты ${title} (${reports.length}).pdf`;
      const parts = reports.map((report) => (pdf: ReportPdf) => pdf.addReport(report));
      if (notSubmitted.length > 0) {
        parts.unshift((pdf) => pdf.addNotSubmitted(`${title}: отчеты выбранных участников`, notSubmitted));
      }
      return streamPdf(reply, fileName, parts);
    },
  );

  app.get(
    '/api/monitoring/collections/:id/reports.zip',
    {
      onRequest: authorizeObject('monitoring.read'),
      schema: { params: IdParams, querystring: ChosenQuery, response: reportResponses.chosenZip },
    },
    async (request, reply) => {
      const { reports, notSubmitted } = await chosenReports(
        db,
        contextOf(request),
        request.params.id,
        request.query.responses,
        'zip',
      );
      const title = (reports[0] as Report).collectionTitle;
      const parts = reports.map((report) => ({
        name: `${report.organization.code} ${report.shortName}`,
        draw: (pdf: ReportPdf) => pdf.addReport(report),
      }));
      if (notSubmitted.length > 0) {
        parts.unshift({
          name: 'Не сдали отчет',
          draw: (pdf) => pdf.addNotSubmitted(`${title}: отчеты выбранных участников`, notSubmitted),
        });
      }
      return reply
        .type('application/zip')
        .header('content-disposition', attachmentDisposition(`Отчеты ${title} (${reports.length}).zip`))
        .header('cache-control', 'private, no-store')
        .send(reportZip(parts).stream);
    },
  );
}
