// Computed cells: column sums within a row first, then row sums within a column (so the corner
// cell of a total row and a total column is the sum of both, consistently).

import { type CellValue, numericValue } from './cells.js';
import type { FormDefinition } from './definition.js';
import { cellKey, rowIdsOf } from './layout.js';

export type FormValues = Record<string, string>;

/** Adds decimals without binary-float noise: 0.1 + 0.2 is 0.3 here. */
export function addExact(numbers: number[]): number {
  return Math.round(numbers.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
}

function sumOf(values: CellValue[]): string | null {
  const numbers = values.map(numericValue).filter((n): n is number => n !== null);
  return numbers.length === 0 ? null : String(addExact(numbers));
}

/** The values of every computed cell, given the typed ones. Empty sums are left out. */
export function computeCells(
  def: FormDefinition,
  values: FormValues,
  dynamicRows: Record<string, string[]> = {},
) {
  const computed: FormValues = {};
  const read = (k: string): CellValue => computed[k] ?? values[k] ?? null;
  for (const table of def.tables) {
    const rows = rowIdsOf(table, dynamicRows);
    for (const column of table.columns.filter((c) => c.sumOf)) {
      for (const row of rows) {
        const v = sumOf((column.sumOf ?? []).map((c) => read(cellKey(table.key, row, c))));
        if (v !== null) computed[cellKey(table.key, row, column.key)] = v;
      }
    }
    if (table.rows.kind !== 'fixed') continue;
    for (const row of table.rows.items.filter((r) => r.sumOf)) {
      for (const column of table.columns.filter(
        (c) => c.type === 'integer' || c.type === 'decimal' || c.sumOf,
      )) {
        const v = sumOf((row.sumOf ?? []).map((r) => read(cellKey(table.key, r, column.key))));
        const key = cellKey(table.key, row.key, column.key);
        if (v !== null) computed[key] = v;
        else delete computed[key];
      }
    }
  }
  return computed;
}
