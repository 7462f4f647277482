// Whether a form version may still change: once a collection uses it, it is read-only.
import { StatusBadge } from '../../ui/StatusBadge.js';

export function FrozenBadge({ frozen }: { frozen: boolean }) {
  return frozen ? (
    <StatusBadge tone="neutral">Используется — только чтение</StatusBadge>
  ) : (
    <StatusBadge tone="success">Можно изменять</StatusBadge>
  );
}
