// Whether an organization or an account may sign in.
import { StatusBadge } from '../../ui/StatusBadge.js';

export function ActiveBadge({ active }: { active: boolean }) {
  return active ? (
    <StatusBadge tone="success">Активна</StatusBadge>
  ) : (
    <StatusBadge tone="danger">Деактивирована</StatusBadge>
  );
}
