// Russian words for the directory's values.
import { ORGANIZATION_KIND_LABELS, ORGANIZATION_KINDS, ROLE_LABELS, ROLES } from '../../../shared/roles.js';
import type { SelectOption } from '../../ui/Field.js';

export const KIND_OPTIONS: SelectOption[] = ORGANIZATION_KINDS.map((k) => ({
  value: k,
  label: ORGANIZATION_KIND_LABELS[k],
}));

export const ROLE_OPTIONS: SelectOption[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export const ACTIVE_FILTER_OPTIONS: SelectOption[] = [
  { value: '', label: 'Все' },
  { value: 'true', label: 'Активные' },
  { value: 'false', label: 'Деактивированные' },
];

export function countOf(value: number | string | undefined): number {
  return Number(value ?? 0);
}
