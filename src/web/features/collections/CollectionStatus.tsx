// «Открыт» / «Закрыт», and on the collection's own page, why it is closed.

import type { Collection } from '../../../shared/api/collections.js';
import { formatDateTime } from '../../../shared/dates.js';
import { collectionStateLabel } from '../../../shared/statuses.js';
import { StatusBadge } from '../../ui/StatusBadge.js';

export function CollectionStatusBadge({ open }: { open: boolean }) {
  return <StatusBadge tone={open ? 'success' : 'neutral'}>{collectionStateLabel(open)}</StatusBadge>;
}

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
