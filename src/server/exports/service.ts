// «Экспорт результатов»: a coordinator (or the federal operator) asks for a report of its scope;
// the worker prepares it; «Загрузить отчет» downloads it. Only the person who asked sees the job.
import { formatDate } from '../../shared/dates.js';
import { audit } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { visibleCollection } from '../monitoring/service.js';
import { findOwnJob, insertJob } from './queries.js';

/** "<collection title> <ДД.ММ.ГГГГ>.xlsx", without characters file systems refuse. */
export function exportFileName(title: string, at = new Date()): string {
  const clean = title
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150);
  return `${clean} ${formatDate(at)}.xlsx`;
}

export async function requestExport(
  db: Db,
  ctx: RequestContext,
  collectionId: number,
  regionFilter?: string,
) {
  const user = userOf(ctx);
  const collection = await visibleCollection(db, user, collectionId);
  const job = await insertJob(db, {
    collectionId,
    user,
    regionFilter,
    fileName: exportFileName(collection.title),
  });
  await audit(db, ctx, {
    action: 'export.requested',
    objectType: 'collection',
    objectId: collectionId,
    details: { exportJob: job.id, regionFilter: regionFilter ?? null },
  });
  return job;
}

export async function ownJob(db: Db, ctx: RequestContext, id: number) {
  const job = await findOwnJob(db, userOf(ctx).id, id);
  if (!job) throw Problem.notFound('Отчёт не найден.');
  return job;
}
