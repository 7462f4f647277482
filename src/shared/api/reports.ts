// «Скачать PDF»: printed reports are files (src/server/reports/routes.ts).
import { binaryFile, responses } from './common.js';

const PDF = 'application/pdf';

export const reportResponses = {
  /** GET /api/responses/:id/report.pdf */
  one: responses({ 200: binaryFile(PDF) }),
  /** GET /api/monitoring/collections/:id/reports.pdf?responses=… */
  chosen: responses({ 200: binaryFile(PDF) }),
  /** GET /api/monitoring/collections/:id/reports.zip?responses=…: a PDF a participant */
  chosenZip: responses({ 200: binaryFile('application/zip') }),
};
