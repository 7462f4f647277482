// The one validation engine, run by the browser as a person types and by the server before it
// accepts «Сдать отчет». Same code, same verdict.
import { pluralWord } from '../plural.js';
import { checkCell } from './cells.js';
import { computeCells, type FormValues } from './compute.js';
import type { FormDefinition } from './definition.js';
import { allCells } from './layout.js';
import { evaluateRules, type RuleFailure } from './rules.js';

export type FormData = {
  /** Typed cells by key; an empty cell is absent. */
  values: FormValues;
  /** Row ids of each dynamic table, in order. */
  rows: Record<string, string[]>;
};

export type TableError = { table: string; message: string };

export type FormVerdict = {
  valid: boolean;
  cellErrors: Record<string, string>;
  ruleErrors: RuleFailure[];
  tableErrors: TableError[];
  computed: FormValues;
};

/** "не меньше 1 строки", "не меньше 2 строк", "не больше 21 строки": genitive after a comparison. */
const rowsWord = (n: number) => pluralWord(n, ['строки', 'строк', 'строк']);

export function validateForm(def: FormDefinition, data: FormData): FormVerdict {
  const cellErrors: Record<string, string> = {};
  for (const cell of allCells(def, data.rows)) {
    if (cell.computed) continue;
    const error = checkCell(cell.column, data.values[cell.key] ?? null);
    if (error) cellErrors[cell.key] = error;
  }
  const tableErrors: TableError[] = [];
  for (const table of def.tables) {
    if (table.rows.kind !== 'dynamic') continue;
    const n = data.rows[table.key]?.length ?? 0;
    if (n < table.rows.min) {
      tableErrors.push({
        table: table.key,
        message: `Нужно не меньше ${table.rows.min} ${rowsWord(table.rows.min)}.`,
      });
    }
    if (n > table.rows.max) {
      tableErrors.push({
        table: table.key,
        message: `Допускается не больше ${table.rows.max} ${rowsWord(table.rows.max)}.`,
      });
    }
  }
  // Sums and rules see only valid values: a cell with its own error is reported once, beside it.
  const validValues = Object.fromEntries(Object.entries(data.values).filter(([k]) => !cellErrors[k]));
  const computed = computeCells(def, validValues, data.rows);
  const read = (k: string) => computed[k] ?? validValues[k] ?? null;
  const ruleErrors = evaluateRules(def, read, data.rows);
  const valid = Object.keys(cellErrors).length === 0 && ruleErrors.length === 0 && tableErrors.length === 0;
  return { valid, cellErrors, ruleErrors, tableErrors, computed };
}
