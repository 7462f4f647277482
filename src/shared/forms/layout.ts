// Where the cells of a form are: their keys ("table.row.column"), which are typed in and which
// are computed. Dynamic tables take their row ids from the response's data.
import type { Column, FormDefinition, Table } from './definition.js';

export const cellKey = (table: string, row: string, column: string) => `${table}.${row}.${column}`;

export function splitCellKey(key: string): { table: string; row: string; column: string } | null {
  const parts = key.split('.');
  if (parts.length !== 3 || parts.some((p) => p === '')) return null;
  const [table, row, column] = parts as [string, string, string];
  return { table, row, column };
}

export const isNumeric = (c: Column) => c.type === 'integer' || c.type === 'decimal';

export type CellRef = { key: string; table: Table; row: string; column: Column; computed: boolean };

/** Row ids of every table: the fixed rows' keys, or the dynamic rows present in the data. */
export function rowIdsOf(table: Table, dynamicRows: Record<string, string[]>): string[] {
  return table.rows.kind === 'fixed' ? table.rows.items.map((r) => r.key) : (dynamicRows[table.key] ?? []);
}

/** Whether a cell is computed: its column sums other columns, or its (fixed) row sums other rows. */
export function isComputedCell(table: Table, rowId: string, column: Column): boolean {
  if (column.sumOf) return true;
  if (table.rows.kind !== 'fixed') return false;
  const row = table.rows.items.find((r) => r.key === rowId);
  return !!row?.sumOf;
}

/** Every cell of the form in reading order: tables, then rows, then columns. */
export function allCells(def: FormDefinition, dynamicRows: Record<string, string[]> = {}): CellRef[] {
  const out: CellRef[] = [];
  for (const table of def.tables) {
    for (const row of rowIdsOf(table, dynamicRows)) {
      for (const column of table.columns) {
        const computed = isComputedCell(table, row, column);
        // A computed row has no cell in a non-numeric column: there is nothing to sum there.
        if (computed && !column.sumOf && !isNumeric(column)) continue;
        out.push({ key: cellKey(table.key, row, column.key), table, row, column, computed });
      }
    }
  }
  return out;
}

/** The cells a person types into, by key. */
export function inputCellMap(def: FormDefinition, dynamicRows: Record<string, string[]> = {}) {
  return new Map(
    allCells(def, dynamicRows)
      .filter((c) => !c.computed)
      .map((c) => [c.key, c]),
  );
}

/** A dynamic row id: short, URL-safe, made by the browser that adds the row. */
export const ROW_ID = /^r[a-z0-9]{4,24}$/;
