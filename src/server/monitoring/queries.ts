// SQL for monitoring a collection: live counts by status, the participant list, and a
// participant's last submission. Every query is narrowed to the viewer's scope (responses alias
// `resp`), so a coordinator's numbers only ever cover its region or municipality.
import { sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { responsesInScope } from '../auth/rows/responses.js';
import { collectionQuery } from '../collections/queries.js';
import type { Db } from '../db/connection.js';
import type { ResponseStatus, ReviewState } from '../db/schema.js';
import { latestReviewNoteSql } from '../review/queries.js';

export type MonitoringFilter = { regionCode?: string; municipalityId?: number };

function participants(db: Db, viewer: CurrentUser, collectionId: number, f: MonitoringFilter) {
  let q = db
    .selectFrom('responses as resp')
    .where('resp.collection_id', '=', collectionId)
    .where(responsesInScope(viewer));
  if (f.regionCode) q = q.where('resp.region_code', '=', f.regionCode);
  if (f.municipalityId) q = q.where('resp.municipality_id', '=', f.municipalityId);
  return q;
}

/**
 * Counts by status per region (federal) or per municipality (coordinators), each with the area's
 * name: the names are joined to the few aggregated rows, not to every participant.
 */
function countsByArea(
  db: Db,
  viewer: CurrentUser,
  collectionId: number,
  f: MonitoringFilter,
  by: 'region' | 'municipality',
) {
  const q = participants(db, viewer, collectionId, f);
  const count = sql<number>`count(*)`.as('n');
  if (by === 'region') {
    const counts = q.select(['resp.region_code as area', 'resp.status', count]).groupBy(['area', 'status']);
    return db
      .selectFrom(counts.as('a'))
      .leftJoin('regions as r', 'r.code', 'a.area')
      .select(['a.area', 'a.status', 'a.n', sql<string>`coalesce(r.name, a.area)`.as('name')]);
  }
  const counts = q.select(['resp.municipality_id as area', 'resp.status', count]).groupBy(['area', 'status']);
  return db
    .selectFrom(counts.as('a'))
    .leftJoin('municipalities as m', 'm.id', 'a.area')
    .select([
      sql<string>`a.area::text`.as('area'),
      'a.status',
      'a.n',
      sql<string>`coalesce(m.name, a.area::text)`.as('name'),
    ]);
}

/**
 * First submissions per day (Moscow dates), for the cumulative chart. Submissions are first counted
 * in quarter-hour bins, which takes plain arithmetic on each row; only the bins are then turned into
 * Moscow dates. Every time zone's offset is a whole number of quarter hours, so no bin straddles a
 * midnight, and the counts are those of grouping each row by its own date (3× cheaper in
 * PostgreSQL's CPU for the national collection: no time zone conversion per row).
 */
function firstSubmissionsByDay(db: Db, viewer: CurrentUser, collectionId: number, f: MonitoringFilter) {
  const bin = sql<Date>`date_bin('15 minutes', resp.first_submitted_at, timestamptz '2000-01-01 00:00:00+00')`;
  const bins = participants(db, viewer, collectionId, f)
    .select([bin.as('bin'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('resp.first_submitted_at', 'is not', null)
    .groupBy(bin);
  const day = sql<string>`(b.bin AT TIME ZONE 'Europe/Moscow')::date`;
  return db
    .selectFrom(bins.as('b'))
    .select([sql<string>`to_char(${day}, 'YYYY-MM-DD')`.as('day'), sql<number>`sum(b.n)::int`.as('n')])
    .groupBy(day);
}

/** The submitted reports by review state («из них: принято N, на доработке M, не проверено K»). */
function reviewCounts(db: Db, viewer: CurrentUser, collectionId: number, f: MonitoringFilter) {
  return participants(db, viewer, collectionId, f)
    .select(['resp.review_state as state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('resp.status', '=', 'submitted')
    .groupBy('resp.review_state');
}

export type ReviewCount = { state: ReviewState; n: number };

export type AreaCount = { area: string; status: ResponseStatus; n: number; name: string };
export type DayCount = { day: string; n: number };

/**
 * «Общая статистика» in one statement: the collection (none when the viewer may not see it), the
 * counts by area and status, and the first submissions by day. One round trip instead of three:
 * on this hardware each costs the server more than the little SQL of a region does.
 */
export function collectionStatsRow(
  db: Db,
  viewer: CurrentUser,
  collectionId: number,
  f: MonitoringFilter,
  by: 'region' | 'municipality',
) {
  const areas = countsByArea(db, viewer, collectionId, f, by);
  const days = firstSubmissionsByDay(db, viewer, collectionId, f);
  const review = reviewCounts(db, viewer, collectionId, f);
  return collectionQuery(db, viewer, collectionId)
    .select([
      sql<ReviewCount[]>`(SELECT coalesce(json_agg(v), '[]'::json) FROM (${review}) v)`.as('review'),
      sql<AreaCount[]>`(SELECT coalesce(json_agg(a), '[]'::json) FROM (${areas}) a)`.as('areas'),
      sql<DayCount[]>`(SELECT coalesce(json_agg(d ORDER BY d.day), '[]'::json) FROM (${days}) d)`.as('days'),
    ])
    .executeTakeFirst();
}

export const SORTS = {
  name: 'o.short_name',
  code: 'o.code',
  municipality: 'm.name',
  status: 'resp.status',
  startedAt: 'resp.started_at',
  submittedAt: 'resp.last_submitted_at',
  // Only submitted reports have a review state: the rest sort after them either way (NULLS LAST).
  review: 'review',
} as const;
export type SortKey = keyof typeof SORTS;

export type ListQuery = MonitoringFilter & {
  q?: string;
  status?: ResponseStatus;
  /** Submitted reports in this review state only. */
  review?: ReviewState;
  sort: SortKey;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
};

/**
 * Whether the sort column can hold no NULL among the filtered rows, so that "NULLS LAST" may be
 * left out: then a descending order is the backward scan of an index (submitted ones by date).
 */
function neverNull(l: ListQuery) {
  return l.sort === 'status' || (l.sort === 'submittedAt' && l.status === 'submitted');
}

/** The review state of a submitted report, NULL for the rest (what the list shows and sorts by). */
const reviewOf = sql<ReviewState | null>`(CASE WHEN resp.status = 'submitted' THEN resp.review_state END)`;

/** The order of «Список участников»: a column of the participant row, its organization or municipality. */
function sortExpression(key: SortKey) {
  return key === 'review' ? reviewOf : sql.ref(SORTS[key]);
}

/**
 * A page of «Список участников» and the number of rows in all pages. When the order is a column of
 * the participant's row and there is no search, the page is picked from `responses` alone (an
 * index gives the order) and only its rows are joined with their organization and municipality.
 * The count never needs those joins: every participant has both.
 */
export async function listParticipants(db: Db, viewer: CurrentUser, collectionId: number, l: ListQuery) {
  let filtered = participants(db, viewer, collectionId, l);
  if (l.status) filtered = filtered.where('resp.status', '=', l.status);
  if (l.review)
    filtered = filtered.where('resp.status', '=', 'submitted').where('resp.review_state', '=', l.review);
  if (l.q) {
    // A login is "sch" + the organization's code: searching by login is searching by code.
    const text = l.q.trim().toLowerCase();
    const code = text.replace(/^sch/, '');
    filtered = filtered.where('resp.organization_id', 'in', (eb) =>
      eb
        .selectFrom('organizations as o')
        .select('o.id')
        .where((w) =>
          w.or([w(w.fn('lower', ['o.short_name']), 'like', `%${text}%`), w('o.code', 'like', `${code}%`)]),
        ),
    );
  }
  // Organizations without a date yet go last in either direction.
  const direction = sql.raw(neverNull(l) ? l.dir : `${l.dir} NULLS LAST`);
  const orderBy = sql`${sortExpression(l.sort)} ${direction}, resp.id ${sql.raw(l.dir)}`;
  const columns = [
    'resp.id as responseId',
    'o.id as organizationId',
    'o.code',
    'o.short_name as name',
    'resp.municipality_id as municipalityId',
    'resp.region_code as regionCode',
    'resp.status',
    'resp.started_at as startedAt',
    'resp.last_submitted_at as lastSubmittedAt',
    sql<boolean>`coalesce(resp.last_changed_at > resp.last_submitted_at, false)`.as('changedSinceSubmission'),
    reviewOf.as('reviewState'),
    'resp.reviewed_at as reviewedAt',
  ] as const;

  const page =
    (SORTS[l.sort].startsWith('resp.') || l.sort === 'review') && !l.q
      ? db
          .selectFrom(filtered.selectAll('resp').orderBy(orderBy).limit(l.limit).offset(l.offset).as('resp'))
          .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
          .select(columns)
          // Looked up for each of the page's rows (the planner would rather read them all).
          .select(
            sql<string>`(SELECT m.name FROM municipalities m WHERE m.id = resp.municipality_id)`.as(
              'municipalityName',
            ),
          )
          .orderBy(orderBy)
          .execute()
      : filtered
          .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
          .innerJoin('municipalities as m', 'm.id', 'resp.municipality_id')
          .select(columns)
          .select('m.name as municipalityName')
          .orderBy(orderBy)
          .limit(l.limit)
          .offset(l.offset)
          .execute();
  const [rows, count] = await Promise.all([
    page,
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The participant's latest snapshot, in scope. */
export function latestSubmission(db: Db, viewer: CurrentUser, responseId: number) {
  return db
    .selectFrom('responses as resp')
    .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
    .innerJoin('collections as c', 'c.id', 'resp.collection_id')
    .leftJoin('submissions as s', (j) =>
      j.onRef('s.response_id', '=', 'resp.id').on('s.submitted_at', '=', sql.ref('resp.last_submitted_at')),
    )
    .select([
      'resp.id as responseId',
      'resp.collection_id as collectionId',
      'c.title as collectionTitle',
      'o.code',
      'o.short_name as name',
      'resp.status',
      'resp.last_submitted_at as submittedAt',
      'resp.last_changed_at as lastChangedAt',
      's.form_version_id as formVersionId',
      's.data',
      sql<boolean>`coalesce(resp.last_changed_at > resp.last_submitted_at, false)`.as(
        'changedSinceSubmission',
      ),
      reviewOf.as('reviewState'),
      'resp.extended_until as extendedUntil',
      latestReviewNoteSql().as('reviewNote'),
    ])
    .where('resp.id', '=', responseId)
    .where(responsesInScope(viewer))
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
