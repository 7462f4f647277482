// Checks and readings of single cells shared by both imports. Each returns the value or records
// a Russian message against the column and returns undefined.
import { z } from 'zod';
import {
  ORGANIZATION_KIND_LABELS,
  ORGANIZATION_KINDS,
  type OrganizationKindCode,
  ROLE_LABELS,
  ROLES,
  type Role,
} from '../../../shared/roles.js';
import type { Cells } from './columns.js';
import type { RowErrors } from './report.js';

export const MISSING = 'Не заполнено обязательное поле';

/** A required cell: present and not empty. */
export function required(cells: Cells, errors: RowErrors, key: string): string | undefined {
  const value = cells.get(key) ?? '';
  if (value === '') {
    errors.add(key, MISSING);
    return undefined;
  }
  return value;
}

export function maxLength(
  errors: RowErrors,
  key: string,
  value: string | undefined,
  max: number,
  what: string,
) {
  if (value !== undefined && value.length > max)
    errors.add(key, `${what} длиннее ${max} символов (сейчас ${value.length})`);
}

/** A code of exactly `digits` digits; `what` names it in the message («Код региона»). */
export function digitCode(
  errors: RowErrors,
  key: string,
  value: string | undefined,
  digits: number,
  what: string,
) {
  if (value === undefined) return undefined;
  if (!new RegExp(`^[0-9]{${digits}}$`).test(value)) {
    errors.add(key, `${what} должен состоять из ${digits} цифр, указано «${value}»`);
    return undefined;
  }
  return value;
}

const YES = new Set(['да', 'yes', 'true', '1', '+']);
const NO = new Set(['нет', 'no', 'false', '0', '-']);

/** да/нет; an empty cell (or no column) means "leave as it is" and gives undefined. */
export function yesNo(cells: Cells, errors: RowErrors, key: string): boolean | undefined {
  const value = (cells.get(key) ?? '').toLowerCase();
  if (value === '') return undefined;
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  errors.add(key, `Укажите «да» или «нет», указано «${cells.get(key)}»`);
  return undefined;
}

const KINDS = new Map<string, OrganizationKindCode>();
for (const kind of ORGANIZATION_KINDS) {
  KINDS.set(kind, kind);
  KINDS.set(ORGANIZATION_KIND_LABELS[kind].toLowerCase(), kind);
}

export function organizationKind(errors: RowErrors, key: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const kind = KINDS.get(value.toLowerCase());
  if (!kind) errors.add(key, `Неизвестный тип организации «${value}»: укажите школа, СПО или другое`);
  return kind;
}

const ROLE_NAMES = new Map<string, Role>();
for (const role of ROLES) {
  ROLE_NAMES.set(role, role);
  ROLE_NAMES.set(ROLE_LABELS[role].toLowerCase().replaceAll('ё', 'е'), role);
}

export function role(errors: RowErrors, key: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const found = ROLE_NAMES.get(value.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' '));
  if (!found) {
    const labels = ROLES.map((r) => `«${ROLE_LABELS[r]}» (${r})`).join(', ');
    errors.add(key, `Неизвестная роль «${value}»: укажите одну из ${labels}`);
  }
  return found;
}

const Email = z.email();

export function email(errors: RowErrors, key: string, value: string | undefined) {
  if (value === undefined || value === '') return value;
  if (value.length > 254)
    errors.add(key, `Адрес электронной почты длиннее 254 символов (сейчас ${value.length})`);
  else if (!Email.safeParse(value).success) errors.add(key, `Неверный адрес электронной почты «${value}»`);
  return value;
}

/** Reports every later occurrence of a key against the first, and the first against the second. */
export function findDuplicates<T>(items: { row: number; key: T | undefined }[]) {
  const rowsByKey = new Map<T, number[]>();
  for (const { row, key } of items) {
    if (key === undefined) continue;
    const rows = rowsByKey.get(key);
    if (rows) rows.push(row);
    else rowsByKey.set(key, [row]);
  }
  /** For a row holding a repeated key: the other row to name in the message. */
  const otherRow = new Map<number, number>();
  for (const rows of rowsByKey.values()) {
    if (rows.length < 2) continue;
    const [first, second] = rows as [number, number];
    otherRow.set(first, second);
    for (const r of rows.slice(1)) otherRow.set(r, first);
  }
  return otherRow;
}
