// Computed cells: column sums within a row first, then row sums within a column (so the corner
// cell of a total row and a total column is the sum of both, consistently).

import { numericValue } from './cells.js';
import type { FormDefinition } from './definition.js';
import { cellKey, rowIdsOf } from './layout.js';

export type FormValues = Record<string, string>;

/** Adds decimals without binary-float noise: 0.1 + 0.2 is 0.3 here. */
export function addExact(numbers: number[]): number {
  return Math.round(numbers.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
}

/** One computed cell: the sum of `sources`; a row total with nothing to sum is removed again. */
type Step = { key: string; sources: string[]; removeIfEmpty: boolean };
/** Which cells computeCells sums, in its order: worked out once, run for many responses. */
export type ComputePlan = Step[];

export function computePlan(def: FormDefinition, dynamicRows: Record<string, string[]> = {}): ComputePlan {
  const steps: Step[] = [];
  for (const table of def.tables) {
    const rows = rowIdsOf(table, dynamicRows);
    for (const column of table.columns.filter((c) => c.sumOf)) {
      for (const row of rows) {
        steps.push({
          key: cellKey(table.key, row, column.key),
          sources: (column.sumOf ?? []).map((c) => cellKey(table.key, row, c)),
          removeIfEmpty: false,
        });
      }
    }
    if (table.rows.kind !== 'fixed') continue;
    for (const row of table.rows.items.filter((r) => r.sumOf)) {
      for (const column of table.columns.filter(
        (c) => c.type === 'integer' || c.type === 'decimal' || c.sumOf,
      )) {
        steps.push({
          key: cellKey(table.key, row.key, column.key),
          sources: (row.sumOf ?? []).map((r) => cellKey(table.key, r, column.key)),
          removeIfEmpty: true,
        });
      }
    }
  }
  return steps;
}

/** The computed cells of one response's typed values, by a plan made for its rows. */
export function runPlan(plan: ComputePlan, values: FormValues): FormValues {
  const computed: FormValues = {};
  for (const step of plan) {
    let sum = 0;
    let any = false;
    for (const k of step.sources) {
      const n = numericValue(computed[k] ?? values[k] ?? null);
      if (n !== null) {
        sum += n;
        any = true;
      }
    }
    // As addExact: the same additions in the same order, then rounded.
    if (any) computed[step.key] = String(Math.round(sum * 1e6) / 1e6);
    else if (step.removeIfEmpty) delete computed[step.key];
  }
  return computed;
}

/** The values of every computed cell, given the typed ones. Empty sums are left out. */
export function computeCells(
  def: FormDefinition,
  values: FormValues,
  dynamicRows: Record<string, string[]> = {},
) {
  return runPlan(computePlan(def, dynamicRows), values);
}
