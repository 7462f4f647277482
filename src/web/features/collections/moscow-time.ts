// The operator types a collection's start and end as a date and a time in Moscow; the server takes
// instants. Moscow has kept UTC+3 all year since 2014, so the offset is written out as +03:00.
import { formatDateTime } from '../../../shared/dates.js';

/** What a pair of <input type="date"> and <input type="time"> hold: "2026-03-10" and "09:00". */
export type MoscowDateTime = { date: string; time: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The instant's date and time on a Moscow clock. */
export function toMoscowDateTime(instant: Date | string | number): MoscowDateTime {
  // formatDateTime gives «ДД.ММ.ГГГГ ЧЧ:ММ» in Moscow time.
  const [day = '', month = '', year = '', hour = '', minute = ''] = formatDateTime(instant).split(/[.: ]/);
  return { date: `${year}-${month}-${day}`, time: `${hour}:${minute}` };
}

/** Why the date and time do not make an instant, or null when they do. */
export function checkMoscowDateTime(value: MoscowDateTime): string | null {
  const d = DATE.exec(value.date);
  if (!d) return 'Укажите дату.';
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const real = new Date(Date.UTC(year, month - 1, day));
  if (real.getUTCFullYear() !== year || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day)
    return 'Такой даты не существует.';
  if (!TIME.test(value.time)) return 'Укажите время в формате ЧЧ:ММ.';
  return null;
}

/** "2026-03-10T09:00:00+03:00", or null when the date or time is not valid. */
export function moscowInstant(value: MoscowDateTime): string | null {
  return checkMoscowDateTime(value) ? null : `${value.date}T${value.time}:00+03:00`;
}

const DAY_MS = 86_400_000;

/** A new collection: from the start of the current hour (so it opens at once) to 18:00 two weeks later. */
export function defaultInterval(now = new Date()): { start: MoscowDateTime; end: MoscowDateTime } {
  const start = toMoscowDateTime(now);
  return {
    start: { date: start.date, time: `${start.time.slice(0, 2)}:00` },
    end: { date: toMoscowDateTime(now.getTime() + 14 * DAY_MS).date, time: '18:00' },
  };
}

/** A later end for «Продлить» or «Открыть снова»: a week after the later of now and the current end, at 18:00. */
export function laterEnd(currentEnd: string, now = new Date()): MoscowDateTime {
  const from = Math.max(new Date(currentEnd).getTime(), now.getTime());
  return { date: toMoscowDateTime(from + 7 * DAY_MS).date, time: '18:00' };
}
