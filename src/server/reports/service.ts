// «Скачать PDF»: a participant's latest submitted report, for whoever may read the participant
// (the organization itself, coordinators within their territory, the federal operator).
import type { CurrentUser } from '../auth/current-user.js';
import type { Db } from '../db/connection.js';
import { Problem } from '../http/problem.js';
import { submissionForReport } from './queries.js';
import type { ReportContent } from './report-pdf.js';

export type Report = ReportContent & { responseId: number; submissionId: number; code: string };

export async function latestReport(db: Db, viewer: CurrentUser, responseId: number): Promise<Report> {
  const row = await submissionForReport(db, viewer, responseId);
  if (!row) throw Problem.notFound('Участник не найден.');
  const { submissionId, submittedAt, data, definition, formTitle, formVersion } = row;
  if (
    submissionId === null ||
    !submittedAt ||
    !data ||
    !definition ||
    formTitle === null ||
    formVersion === null
  ) {
    throw Problem.conflict('Отчёт ещё не сдан: печатать пока нечего.');
  }
  return {
    responseId: row.responseId,
    submissionId,
    code: row.code,
    organization: {
      code: row.code,
      fullName: row.fullName,
      municipality: row.municipality,
      region: row.region,
    },
    collectionTitle: row.collectionTitle,
    formTitle,
    formVersion,
    submittedAt,
    timeZone: row.timeZone,
    definition,
    data,
  };
}
