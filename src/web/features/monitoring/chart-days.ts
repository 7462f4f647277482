// The cumulative-submissions chart needs a point for every day of the collection so far, not only
// the days somebody submitted on: the server's byDay skips empty days, this fills them in.

import type { DayPoint } from '../../../shared/api/monitoring.js';
import { formatDate } from '../../../shared/dates.js';

/** Never draw more than a year of bars, whatever the dates say. */
const MAX_DAYS = 366;

/** 'YYYY-MM-DD' of an instant in Moscow time. */
export function moscowDay(instant: string | Date): string {
  const [d, m, y] = formatDate(instant).split('.');
  return `${y}-${m}-${d}`;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Every day from the collection's first (or the first submission, if earlier) to today or its
 * end, whichever is first (or the last submission, if later), with the running total.
 */
export function fillDays(byDay: DayPoint[], startsAt: string, endsAt: string, now = new Date()): DayPoint[] {
  const today = moscowDay(now);
  const end = moscowDay(endsAt);
  let first = moscowDay(startsAt);
  // 'YYYY-MM-DD' strings sort as the days do.
  let last = [end, today].sort()[0] as string;
  const firstKnown = byDay[0]?.day;
  const lastKnown = byDay.at(-1)?.day;
  if (firstKnown && firstKnown < first) first = firstKnown;
  if (lastKnown && lastKnown > last) last = lastKnown;
  // A collection longer than a year: the latest days are the ones that matter.
  const earliest = addDays(last, 1 - MAX_DAYS);
  if (first < earliest) first = earliest;
  const known = new Map(byDay.map((p) => [p.day, p]));
  let cumulative = byDay.filter((p) => p.day < first).at(-1)?.cumulative ?? 0;
  const out: DayPoint[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const point = known.get(day);
    if (point) cumulative = point.cumulative;
    out.push({ day, submitted: point?.submitted ?? 0, cumulative });
  }
  return out;
}

/** 'YYYY-MM-DD' → «ДД.ММ.ГГГГ» (a calendar day, no time zone involved). */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** 'YYYY-MM-DD' → «ДД.ММ», for the chart's axis. */
export function shortDayLabel(day: string): string {
  const [, m, d] = day.split('-');
  return `${d}.${m}`;
}
