// On the collection's own page, why it is closed (the badge itself is ui/CollectionStatusBadge).
import type { Collection } from '../../../shared/api/collections.js';
import { formatDateTime } from '../../../shared/dates.js';

/** Why a collection is not open: closed by hand, its end passed, or its start not yet come. */
export function closedReason(
  c: Pick<Collection, 'open' | 'closedAt' | 'startsAt' | 'endsAt'>,
  now = Date.now(),
) {
  if (c.open) return null;
  if (c.closedAt) return `закрыт досрочно ${formatDateTime(c.closedAt)} (МСК)`;
  if (new Date(c.startsAt).getTime() > now) return 'ещё не начался';
  return 'срок сбора истёк';
}
