// The «Опубликовать» field is Moscow time, as every date in the cabinet is, whatever the
// browser's own zone: <input type="datetime-local"> value ↔ an instant.
import { MOSCOW_TIME_ZONE, utcOffsetMinutes } from '../../../shared/dates.js';

/** '2026-03-10T09:00' (Moscow) → ISO instant; '' → null (publish at once). */
export function moscowLocalToIso(value: string): string | null {
  if (!value) return null;
  const asUtc = Date.parse(`${value}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  const offset = utcOffsetMinutes(asUtc, MOSCOW_TIME_ZONE);
  return new Date(asUtc - offset * 60_000).toISOString();
}

/** ISO instant → '2026-03-10T09:00' as a Moscow wall clock shows it. */
export function isoToMoscowLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t + utcOffsetMinutes(t, MOSCOW_TIME_ZONE) * 60_000).toISOString().slice(0, 16);
}
