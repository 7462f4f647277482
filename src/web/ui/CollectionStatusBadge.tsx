// «Открыт» / «Закрыт»: a collection's state wherever it is shown (the operator's pages, the
// «Сбор данных» blocks of schools and of those who watch them).
import { collectionStateLabel } from '../../shared/statuses.js';
import { StatusBadge } from './StatusBadge.js';

export function CollectionStatusBadge({ open }: { open: boolean }) {
  return <StatusBadge tone={open ? 'success' : 'neutral'}>{collectionStateLabel(open)}</StatusBadge>;
}
