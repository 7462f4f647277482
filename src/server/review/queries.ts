// SQL for the review of submitted reports: the participant rows a coordinator may review (scoped
// and locked), their new state, the history lines, and the history of one report.
import { sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { responsesInScope } from '../auth/rows/responses.js';
import type { Db } from '../db/connection.js';
import type { ReviewState } from '../db/schema.js';

/**
 * The participant rows among `ids` that the viewer may see, locked in id order (two bulk reviews
 * that overlap then wait for each other instead of deadlocking). A missing one is out of scope.
 */
export function lockReviewTargets(db: Db, viewer: CurrentUser, ids: number[]) {
  return db
    .selectFrom('responses as resp')
    .select(['resp.id', 'resp.status', 'resp.review_state as reviewState'])
    .where('resp.id', 'in', ids)
    .where(responsesInScope(viewer))
    .orderBy('resp.id')
    .forUpdate()
    .execute();
}

export type ReviewWrite = {
  ids: number[];
  state: ReviewState;
  comment: string | null;
  extendedUntil: Date | null;
  actor: { id: number; login: string; role: string; scope: string };
};

/**
 * Sets the state of the reports and appends one history line each, in one statement. A personal
 * deadline belongs to a return: accepting clears it.
 */
export async function writeReview(db: Db, w: ReviewWrite) {
  const { rows } = await sql<{ responseId: number; reviewedAt: Date; extendedUntil: Date | null }>`
    WITH r AS (
      UPDATE responses
         SET review_state = ${w.state}, reviewed_at = now(), extended_until = ${w.extendedUntil}::timestamptz
       WHERE id = ANY(${w.ids}::int[])
      RETURNING id, reviewed_at, extended_until
    ), e AS (
      INSERT INTO review_events (response_id, state, comment, extended_until, actor_user_id, actor_login,
                                 actor_role, actor_scope)
      SELECT id, ${w.state}, ${w.comment}::text, ${w.extendedUntil}::timestamptz, ${w.actor.id}::int,
             ${w.actor.login}::text, ${w.actor.role}::text, ${w.actor.scope}::text
        FROM r
    )
    SELECT id AS "responseId", reviewed_at AS "reviewedAt", extended_until AS "extendedUntil"
      FROM r ORDER BY id`.execute(db);
  return rows;
}

/** The current review state of reports, as a review that changed nothing answers them. */
export function reviewStates(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('responses')
    .select([
      'id as responseId',
      'review_state as reviewState',
      'reviewed_at as reviewedAt',
      'extended_until as extendedUntil',
    ])
    .where('id', 'in', ids)
    .execute();
}

/** A report's review history, newest first (the report's scope is checked by the caller). */
export function listReviewEvents(db: Db, responseId: number) {
  return db
    .selectFrom('review_events')
    .select([
      'id',
      'state',
      'at',
      'comment',
      'extended_until as extendedUntil',
      'actor_login as actorLogin',
      'actor_role as actorRole',
      'actor_scope as actorScope',
    ])
    .where('response_id', '=', responseId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** An instant as JSON text in Date.prototype.toISOString()'s form, as every answer carries it. */
const isoText = (column: string) =>
  sql`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The latest history line of the participant row aliased `resp`, as JSON (state, at, comment,
 * who): what the organization's block and the submitted view show next to the state. Null before
 * any review or resubmission.
 */
export const latestReviewNoteSql = () =>
  sql<{
    state: ReviewState;
    at: string;
    comment: string | null;
    actorRole: string;
    actorScope: string;
  } | null>`(SELECT json_build_object('state', e.state, 'at', ${isoText('e.at')}, 'comment', e.comment,
                                      'actorRole', e.actor_role, 'actorScope', e.actor_scope)
               FROM review_events e WHERE e.response_id = resp.id ORDER BY e.id DESC LIMIT 1)`;

/** The latest comment a report was returned with (the export's column). */
export const lastReviewCommentSql = () =>
  sql<string | null>`(SELECT e.comment FROM review_events e
                       WHERE e.response_id = resp.id AND e.comment IS NOT NULL ORDER BY e.id DESC LIMIT 1)`;
