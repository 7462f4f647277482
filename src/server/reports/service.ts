// «Скачать PDF»: participants' latest submitted reports, for whoever may read those participants
// (the organization itself, coordinators within their territory, the federal operator).
import { auditEvent } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { loadDefinition } from '../responses/definitions.js';
import { submissionHistory, submissionsForReports } from './queries.js';
import type { ReportContent } from './report-pdf.js';

export type Report = ReportContent & { responseId: number; submissionId: number; shortName: string };
/** A participant chosen for printing that has nothing submitted to print. */
export type NotSubmitted = { responseId: number; code: string; fullName: string };
/** How the reports are handed out: one PDF, or a zip of a PDF a participant. */
export type ReportFormat = 'pdf' | 'zip';

async function reportsOf(db: Db, rows: Awaited<ReturnType<typeof submissionsForReports>>) {
  const reports: Report[] = [];
  const notSubmitted: NotSubmitted[] = [];
  for (const row of rows) {
    const { submissionId, submittedAt, data, formVersionId, formVersion, formTitle } = row;
    if (submissionId === null || !submittedAt || !data || formVersionId === null || formVersion === null) {
      notSubmitted.push({ responseId: row.responseId, code: row.code, fullName: row.fullName });
      continue;
    }
    const { definition } = await loadDefinition(db, formVersionId);
    reports.push({
      responseId: row.responseId,
      submissionId,
      shortName: row.shortName,
      organization: {
        code: row.code,
        fullName: row.fullName,
        municipality: row.municipality,
        region: row.region,
      },
      collectionTitle: row.collectionTitle,
      formTitle: formTitle ?? '',
      formVersion,
      submittedAt,
      timeZone: row.timeZone,
      definition,
      data,
    });
  }
  return { reports, notSubmitted };
}

/** Every report handed out is audited, one entry a report (nothing changed: an event). */
function auditDownloads(db: Db, ctx: RequestContext, reports: Report[], format: ReportFormat = 'pdf') {
  return auditEvent(
    db,
    ctx,
    reports.map((r) => ({
      action: 'report.downloaded',
      objectType: 'response',
      objectId: r.responseId,
      details: { submissionId: r.submissionId, format },
    })),
  );
}

/**
 * One participant's latest submitted report, or the one it submitted as `submissionId` (from
 * «История сдач»: what was sent then, not what is there now), audited as handed out.
 */
export async function latestReport(
  db: Db,
  ctx: RequestContext,
  responseId: number,
  submissionId?: number,
): Promise<Report> {
  const rows = await submissionsForReports(db, userOf(ctx), { responseIds: [responseId], submissionId });
  if (rows.length === 0) throw Problem.notFound('Участник не найден.');
  const { reports } = await reportsOf(db, rows);
  const report = reports[0];
  if (!report && submissionId !== undefined) throw Problem.notFound('Сдача отчета не найдена.');
  if (!report) throw Problem.conflict('Отчёт ещё не сдан: печатать пока нечего.');
  await auditDownloads(db, ctx, [report]);
  return report;
}

/**
 * The reports of participants a coordinator chose in a collection's list. Any participant outside
 * the viewer's scope or the collection makes the whole request «not found», as for one; those that
 * have not submitted are listed, to be named on the first page, not printed.
 */
export async function chosenReports(
  db: Db,
  ctx: RequestContext,
  collectionId: number,
  responseIds: number[],
  format: ReportFormat = 'pdf',
) {
  const unique = [...new Set(responseIds)];
  const rows = await submissionsForReports(db, userOf(ctx), { responseIds: unique, collectionId });
  if (rows.length !== unique.length) throw Problem.notFound('Участник не найден.');
  const chosen = await reportsOf(db, rows);
  if (chosen.reports.length === 0) {
    throw Problem.conflict('Ни один из выбранных участников ещё не сдал отчёт: печатать пока нечего.');
  }
  await auditDownloads(db, ctx, chosen.reports, format);
  return chosen;
}

/** The most submissions «История сдач» lists: far more than a collection ever sees resubmitted. */
const HISTORY_LIMIT = 100;

/** «История сдач» of a participant, newest first. */
export async function submissionsOf(db: Db, ctx: RequestContext, responseId: number) {
  const rows = await submissionHistory(db, userOf(ctx), responseId, HISTORY_LIMIT);
  if (!rows) throw Problem.notFound('Участник не найден.');
  return { rows };
}
