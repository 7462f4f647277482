// «Общая статистика» and «Список участников» of a collection, for coordinators and the federal
// operator. Counts come straight from the participants' rows, so a submission shows at once.
import type { CurrentUser } from '../auth/current-user.js';
import { scopeSpansOf } from '../auth/rows/geography.js';
import { getCollection } from '../collections/queries.js';
import type { Db } from '../db/connection.js';
import { Problem } from '../http/problem.js';
import { loadDefinition } from '../responses/definitions.js';
import {
  collectionStatsRow,
  type ListQuery,
  latestSubmission,
  listParticipants,
  type MonitoringFilter,
  SORTS,
  type SortKey,
} from './queries.js';

type Counts = { total: number; notStarted: number; inProgress: number; submitted: number };
const empty = (): Counts => ({ total: 0, notStarted: 0, inProgress: 0, submitted: 0 });
const byName = new Intl.Collator('ru').compare;
const FIELD = { not_started: 'notStarted', in_progress: 'inProgress', submitted: 'submitted' } as const;

/** The orders the participant list can be sorted in. */
export const PARTICIPANT_SORTS = Object.keys(SORTS) as [SortKey, ...SortKey[]];

export async function visibleCollection(db: Db, viewer: CurrentUser, id: number) {
  const c = await getCollection(db, viewer, id);
  if (!c) throw Problem.notFound('Сбор данных не найден.');
  return c;
}

export async function collectionStats(db: Db, viewer: CurrentUser, id: number, f: MonitoringFilter) {
  // The federal operator sees the country by region; coordinators see their area by municipality.
  const by = scopeSpansOf(viewer).regions && !f.regionCode && !f.municipalityId ? 'region' : 'municipality';
  const row = await collectionStatsRow(db, viewer, id, f, by);
  if (!row) throw Problem.notFound('Сбор данных не найден.');
  const { areas, days, review, ...collection } = row;
  const reviewed = { unchecked: 0, accepted: 0, returned: 0 };
  for (const r of review) reviewed[r.state] += Number(r.n);
  const totals = empty();
  const perArea = new Map<string, Counts & { name: string }>();
  for (const row of areas) {
    const n = Number(row.n);
    let area = perArea.get(row.area);
    if (!area) {
      area = { name: row.name, ...empty() };
      perArea.set(row.area, area);
    }
    for (const c of [totals, area]) {
      c.total += n;
      c[FIELD[row.status]] += n;
    }
  }
  let cumulative = 0;
  return {
    collection: {
      id: collection.id,
      title: collection.title,
      open: collection.open,
      startsAt: collection.startsAt,
      endsAt: collection.endsAt,
    },
    ...totals,
    review: reviewed,
    byDay: days.map((d) => {
      cumulative += Number(d.n);
      return { day: d.day, submitted: Number(d.n), cumulative };
    }),
    breakdownBy: by,
    breakdown: [...perArea].map(([key, area]) => ({ key, ...area })).sort((a, b) => byName(a.name, b.name)),
  };
}

export async function participantList(db: Db, viewer: CurrentUser, id: number, l: ListQuery) {
  // As for the statistics: the page is asked for alongside, and used only if the collection is visible.
  const [, page] = await Promise.all([
    visibleCollection(db, viewer, id),
    listParticipants(db, viewer, id, l),
  ]);
  return page;
}

/** The organization's last submitted data, read-only, with a note when it changed things since. */
export async function submittedData(db: Db, viewer: CurrentUser, responseId: number) {
  const row = await latestSubmission(db, viewer, responseId);
  if (!row) throw Problem.notFound('Участник не найден.');
  const { data, formVersionId, ...meta } = row;
  if (!data || !formVersionId) return { ...meta, submitted: false as const };
  const { definition } = await loadDefinition(db, formVersionId);
  return { ...meta, submitted: true as const, definition, data };
}
