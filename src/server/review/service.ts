// The review of submitted reports (docs/PRODUCT.md "Review of submitted reports"): a coordinator
// accepts a report («Принято») or returns it for revision («На доработке») with a comment, one or
// several at once. A bulk review is all or nothing: one report out of scope (404) or not yet
// submitted (409) and none changes. Each report changed gets its own history line and audit entry.
import { REVIEW_COMMENT_MAX } from '../../shared/statuses.js';
import { audit } from '../audit/service.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Db } from '../db/connection.js';
import type { Tx } from '../db/transaction.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { getResponse } from '../responses/queries.js';
import { listReviewEvents, lockReviewTargets, reviewStates, writeReview } from './queries.js';

export type ReviewDecision = {
  decision: 'accept' | 'return';
  comment?: string | undefined;
  extendedUntil?: Date | undefined;
};

export const COMMENT_REQUIRED =
  'Укажите, что нужно исправить: без комментария отчёт не вернуть на доработку.';
export const COMMENT_TOO_LONG = `Комментарий не длиннее ${REVIEW_COMMENT_MAX} символов.`;

function checkDecision(d: ReviewDecision, now: Date) {
  const comment = d.comment?.trim() ?? '';
  if (d.decision === 'return' && !comment) {
    throw Problem.badRequest(COMMENT_REQUIRED, [{ path: 'comment', message: COMMENT_REQUIRED }]);
  }
  if (comment.length > REVIEW_COMMENT_MAX) {
    throw Problem.badRequest(COMMENT_TOO_LONG, [{ path: 'comment', message: COMMENT_TOO_LONG }]);
  }
  if (d.extendedUntil && d.decision !== 'return') {
    const message = 'Срок для организации продлевают, только возвращая отчёт на доработку.';
    throw Problem.badRequest(message, [{ path: 'extendedUntil', message }]);
  }
  if (d.extendedUntil && d.extendedUntil <= now) {
    const message = 'Срок для организации должен быть позже текущего момента.';
    throw Problem.badRequest(message, [{ path: 'extendedUntil', message }]);
  }
  return comment || null;
}

/** Accepts or returns the reports `ids` (within the viewer's scope), in the caller's transaction. */
export async function reviewReports(tx: Tx, ctx: RequestContext, ids: number[], d: ReviewDecision) {
  const user = userOf(ctx);
  const comment = checkDecision(d, new Date());
  const unique = [...new Set(ids)];
  const rows = await lockReviewTargets(tx, user, unique);
  if (rows.length !== unique.length) throw Problem.notFound('Отчёт не найден.');
  const unsubmitted = rows.filter((r) => r.status !== 'submitted');
  if (unsubmitted.length) {
    throw new Problem(
      409,
      'not_submitted',
      unique.length === 1
        ? 'Отчёт ещё не сдан: проверять нечего.'
        : `Среди выбранных есть несданные отчёты (${unsubmitted.length}): проверять можно только сданные.`,
      { responseIds: unsubmitted.map((r) => r.id) },
    );
  }
  // Accepting an accepted report changes nothing; a return always does (a new comment, a new deadline).
  const state = d.decision === 'accept' ? 'accepted' : 'returned';
  const toChange = rows.filter((r) => state === 'returned' || r.reviewState !== state).map((r) => r.id);
  const written = toChange.length
    ? await writeReview(tx, {
        ids: toChange,
        state,
        comment,
        extendedUntil: d.extendedUntil ?? null,
        actor: { id: user.id, login: user.login, role: user.role, scope: user.scopeName },
      })
    : [];
  if (written.length) {
    await audit(
      tx,
      ctx,
      written.map((w) => ({
        action: state === 'accepted' ? 'response.accepted' : 'response.returned',
        objectType: 'response',
        objectId: w.responseId,
        details: {
          comment,
          extendedUntil: w.extendedUntil?.toISOString() ?? null,
          ...(unique.length > 1 ? { bulk: unique.length } : {}),
        },
      })),
    );
  }
  const changed = new Set(toChange);
  const current = await reviewStates(tx, unique);
  return current
    .map((r) => ({ ...r, changed: changed.has(r.responseId) }))
    .sort((a, b) => a.responseId - b.responseId);
}

/** Accepts or returns one report. */
export async function reviewReport(tx: Tx, ctx: RequestContext, id: number, d: ReviewDecision) {
  const [result] = await reviewReports(tx, ctx, [id], d);
  if (!result) throw Problem.notFound('Отчёт не найден.');
  return result;
}

/** A report's review history, newest first; 404 outside the viewer's scope. */
export async function reviewHistory(db: Db, viewer: CurrentUser, responseId: number) {
  const response = await getResponse(db, viewer, responseId);
  if (!response) throw Problem.notFound('Отчёт не найден.');
  return { rows: await listReviewEvents(db, responseId) };
}
