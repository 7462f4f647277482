// A response's stored cells → the data the validation engine reads. The rows of a dynamic table
// are cells too: "table.<rowId>.__row" is set while the row exists, so adding and removing rows
// travel through the same autosave queue, versions and history as typing does.
import type { FormDefinition } from './definition.js';
import { cellKey, ROW_ID, splitCellKey } from './layout.js';
import type { FormData } from './validate.js';

export const ROW_MARKER = '__row';

export const rowMarkerKey = (table: string, rowId: string) => cellKey(table, rowId, ROW_MARKER);

let lastRowTime = 0;

/**
 * Row ids sort by the time the browser made them, so rows keep their order. Rows made within the
 * same millisecond (a paste) get consecutive times, never a random order.
 */
export function newRowId(clock = Date.now(), random = Math.random): string {
  const now = Math.max(clock, lastRowTime + 1);
  lastRowTime = now;
  return `r${now.toString(36)}${Math.floor(random() * 36 ** 4)

    .toString(36)
    .padStart(4, '0')}`;
}

export function toFormData(def: FormDefinition, cells: Record<string, string | null>): FormData {
  const dynamic = new Set(def.tables.filter((t) => t.rows.kind === 'dynamic').map((t) => t.key));
  const rows: Record<string, string[]> = Object.fromEntries([...dynamic].map((t) => [t, [] as string[]]));
  for (const [key, value] of Object.entries(cells)) {
    const k = splitCellKey(key);
    if (k && k.column === ROW_MARKER && value !== null && dynamic.has(k.table) && ROW_ID.test(k.row))
      rows[k.table]?.push(k.row);
  }
  for (const list of Object.values(rows)) list.sort();
  const live = new Set(Object.entries(rows).flatMap(([t, ids]) => ids.map((r) => `${t}.${r}`)));
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(cells)) {
    if (value === null) continue;
    const k = splitCellKey(key);
    if (!k || k.column === ROW_MARKER) continue;
    // Cells of removed rows stay stored (their history too) but are no longer part of the data.
    if (dynamic.has(k.table) && !live.has(`${k.table}.${k.row}`)) continue;
    values[key] = value;
  }
  return { values, rows };
}

/** Whether a key names a cell a person may write: a fixed input cell, a dynamic row's cell, or its marker. */
export function isWritableKey(
  def: FormDefinition,
  fixedInputs: ReadonlySet<string> | Map<string, unknown>,
  key: string,
): boolean {
  if (fixedInputs.has(key)) return true;
  const k = splitCellKey(key);
  if (!k || !ROW_ID.test(k.row)) return false;
  const table = def.tables.find((t) => t.key === k.table);
  if (table?.rows.kind !== 'dynamic') return false;
  if (k.column === ROW_MARKER) return true;
  const column = table.columns.find((c) => c.key === k.column);
  return !!column && !column.sumOf;
}
