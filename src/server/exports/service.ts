// «Экспорт результатов»: a coordinator (or the federal operator) asks for a report of its scope;
// the worker prepares it; «Загрузить отчет» downloads it. Only the person who asked sees the job.
import { formatDate } from '../../shared/dates.js';
import { audit, auditEvent } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import type { Tx } from '../db/transaction.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { visibleCollection } from '../monitoring/service.js';
import { findActiveJob, findOwnJob, insertJobUnlessActive, listOwnJobs } from './queries.js';

/** "<collection title> <ДД.ММ.ГГГГ>.xlsx", without characters file systems refuse. */
export function exportFileName(title: string, at = new Date()): string {
  const clean = title
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150);
  return `${clean} ${formatDate(at)}.xlsx`;
}

/**
 * Queues an export of the user's scope, or answers the one already queued or running for the
 * same collection and region filter (`created: false`): a user cannot fill the queue that other
 * users' reports wait in. The job and its audit entry are written in the caller's transaction.
 */
export async function requestExport(
  tx: Tx,
  ctx: RequestContext,
  collectionId: number,
  regionFilter?: string,
) {
  const user = userOf(ctx);
  const collection = await visibleCollection(tx, user, collectionId);
  const fileName = exportFileName(collection.title);
  // The index refuses a second active job; the one it collided with is then read back. It may
  // have finished in between, and then a new one is queued: a few rounds at most.
  for (let round = 0; round < 5; round++) {
    const job = await insertJobUnlessActive(tx, { collectionId, user, regionFilter, fileName });
    if (job) {
      await audit(tx, ctx, {
        action: 'export.requested',
        objectType: 'collection',
        objectId: collectionId,
        details: { exportJob: job.id, regionFilter: regionFilter ?? null },
      });
      return { job, created: true };
    }
    const active = await findActiveJob(tx, user, collectionId, regionFilter);
    if (active) return { job: active, created: false };
  }
  throw Problem.conflict('Отчёт уже готовится. Повторите запрос через несколько секунд.');
}

export async function ownJob(db: Db, ctx: RequestContext, id: number) {
  const job = await findOwnJob(db, userOf(ctx), id);
  if (!job) throw Problem.notFound('Отчёт не найден.');
  return job;
}

/** The user's latest jobs for a collection they may watch. */
export async function listOwnExports(db: Db, ctx: RequestContext, collectionId: number) {
  const user = userOf(ctx);
  await visibleCollection(db, user, collectionId);
  return listOwnJobs(db, user, collectionId);
}

/** A finished job of the user, its download audited before a byte goes out. */
export async function openExportDownload(db: Db, ctx: RequestContext, id: number) {
  const job = await ownJob(db, ctx, id);
  if (job.status !== 'done') throw Problem.conflict('Отчёт ещё не готов.');
  await auditEvent(db, ctx, { action: 'export.downloaded', objectType: 'export', objectId: job.id });
  return job;
}
