// «Скачать PDF»: printed reports are files (src/server/reports/routes.ts).
import { z } from 'zod';
import { binaryFile, Rows, responses, Timestamp, type Wire } from './common.js';

const PDF = 'application/pdf';

/** One line of «История сдач»: GET /api/responses/:id/submissions */
export const SubmissionRow = z.object({
  id: z.number(),
  submittedAt: Timestamp,
  userLogin: z.string().nullable(),
  formVersion: z.number(),
});
export type SubmissionRow = Wire<typeof SubmissionRow>;

export const reportResponses = {
  /** GET /api/responses/:id/report.pdf[?submission=…] */
  one: responses({ 200: binaryFile(PDF) }),
  /** GET /api/monitoring/collections/:id/reports.pdf?responses=… */
  chosen: responses({ 200: binaryFile(PDF) }),
  /** GET /api/responses/:id/submissions: «История сдач», newest first */
  submissions: responses({ 200: Rows(SubmissionRow) }),
  /** GET /api/monitoring/collections/:id/reports.zip?responses=…: a PDF a participant */
  chosenZip: responses({ 200: binaryFile('application/zip') }),
};
