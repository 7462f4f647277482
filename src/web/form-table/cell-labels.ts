// Names and element ids of tables, rows and cells: one place, so that headers, inputs, the error
// list and the conflict panel agree.
import type { FormDefinition, Table } from '../../shared/forms/definition.js';
import { splitCellKey } from '../../shared/forms/layout.js';
import { ROW_MARKER } from '../../shared/forms/response-data.js';

// Keys are [a-z0-9_] and row ids [a-z0-9]: "-" cannot clash.
export const cellDomId = (key: string) => `cell-${key.replaceAll('.', '-')}`;
export const rowHeaderId = (table: string, row: string) => `rh-${table}-${row}`;
export const columnHeaderId = (table: string, column: string) => `ch-${table}-${column}`;
export const tableDomId = (table: string) => `table-${table}`;
export const addRowButtonId = (table: string) => `add-row-${table}`;

export function rowLabel(table: Table, rowId: string, rows: string[]): string {
  if (table.rows.kind === 'fixed') return table.rows.items.find((r) => r.key === rowId)?.label ?? rowId;
  const n = rows.indexOf(rowId);
  return n >= 0 ? `Строка ${n + 1}` : 'Удалённая строка';
}

/** «1. Численность обучающихся: 1 класс — Мальчики». */
export function cellLabel(def: FormDefinition, key: string, rowsOf: (t: Table) => string[]): string {
  const k = splitCellKey(key);
  const table = k && def.tables.find((t) => t.key === k.table);
  if (!k || !table) return key;
  const row = rowLabel(table, k.row, rowsOf(table));
  if (k.column === ROW_MARKER) return `${table.title}: ${row}`;
  const column = table.columns.find((c) => c.key === k.column)?.header ?? k.column;
  return `${table.title}: ${row} — ${column}`;
}

export function focusCell(key: string) {
  const el = document.getElementById(cellDomId(key));
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}
