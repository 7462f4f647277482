// Dates as the UI shows them: ДД.ММ.ГГГГ and ДД.ММ.ГГГГ ЧЧ:ММ, always in an explicit time zone,
// Moscow unless told otherwise, so the browser's own zone never changes what is shown.
// Shared by the browser and the server (exports, messages).

export const MOSCOW_TIME_ZONE = 'Europe/Moscow';

export type Instant = Date | string | number;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('ru-RU', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function toDate(instant: Instant): Date | null {
  const date = instant instanceof Date ? instant : new Date(instant);
  return Number.isNaN(date.getTime()) ? null : date;
}

type Fields = { day: string; month: string; year: string; hour: string; minute: string };

function fieldsOf(date: Date, timeZone: string): Fields {
  const fields: Fields = { day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type in fields) fields[part.type as keyof Fields] = part.value;
  }
  return fields;
}

const INVALID = '—';

/** ДД.ММ.ГГГГ in the given zone (Moscow by default). */
export function formatDate(instant: Instant, timeZone: string = MOSCOW_TIME_ZONE): string {
  const date = toDate(instant);
  if (!date) return INVALID;
  const f = fieldsOf(date, timeZone);
  return `${f.day}.${f.month}.${f.year}`;
}

/** ДД.ММ.ГГГГ ЧЧ:ММ in the given zone (Moscow by default). */
export function formatDateTime(instant: Instant, timeZone: string = MOSCOW_TIME_ZONE): string {
  const date = toDate(instant);
  if (!date) return INVALID;
  const f = fieldsOf(date, timeZone);
  return `${f.day}.${f.month}.${f.year} ${f.hour}:${f.minute}`;
}

/** The zone's offset from UTC at that instant, in minutes (Vladivostok: 600). */
export function utcOffsetMinutes(instant: Instant, timeZone: string): number {
  const date = toDate(instant);
  if (!date) return 0;
  const f = fieldsOf(date, timeZone);
  const wall = Date.UTC(Number(f.year), Number(f.month) - 1, Number(f.day), Number(f.hour), Number(f.minute));
  const utcMinute = Math.floor(date.getTime() / 60_000) * 60_000;
  return Math.round((wall - utcMinute) / 60_000);
}

/** «UTC+10», «UTC+5:30», «UTC−1». */
export function utcOffsetLabel(instant: Instant, timeZone: string): string {
  const minutes = utcOffsetMinutes(instant, timeZone);
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** «с 10.03.2026 09:00 по 24.03.2026 18:00 (МСК)». */
export function formatInterval(start: Instant, end: Instant): string {
  return `с ${formatDateTime(start)} по ${formatDateTime(end)} (МСК)`;
}

/** The same interval in a region's own time: «с 10.03.2026 16:00 по 25.03.2026 01:00 (местное время, UTC+10)». */
export function formatLocalInterval(start: Instant, end: Instant, timeZone: string): string {
  return `с ${formatDateTime(start, timeZone)} по ${formatDateTime(end, timeZone)} (местное время, ${utcOffsetLabel(start, timeZone)})`;
}

/**
 * The interval in Moscow time, plus in the region's time when that reads differently
 * (a region on Moscow time, or no zone known, gets `local: null`).
 */
export function formatIntervalWithLocal(
  start: Instant,
  end: Instant,
  localTimeZone?: string | null,
): { moscow: string; local: string | null } {
  const moscow = formatInterval(start, end);
  if (!localTimeZone || localTimeZone === MOSCOW_TIME_ZONE) return { moscow, local: null };
  const sameWallClock =
    formatDateTime(start, localTimeZone) === formatDateTime(start) &&
    formatDateTime(end, localTimeZone) === formatDateTime(end);
  return { moscow, local: sameWallClock ? null : formatLocalInterval(start, end, localTimeZone) };
}

/**
 * An instant in Moscow time, plus in the region's time when that reads differently:
 * { moscow: «24.03.2026 18:00 (МСК)», local: «24.03.2026 20:00 (местное время, UTC+5)» | null }.
 */
export function formatInstantWithLocal(
  instant: Instant,
  localTimeZone?: string | null,
): { moscow: string; local: string | null } {
  const moscow = `${formatDateTime(instant)} (МСК)`;
  if (!localTimeZone || localTimeZone === MOSCOW_TIME_ZONE) return { moscow, local: null };
  const local = formatDateTime(instant, localTimeZone);
  if (local === formatDateTime(instant)) return { moscow, local: null };
  return { moscow, local: `${local} (местное время, ${utcOffsetLabel(instant, localTimeZone)})` };
}
