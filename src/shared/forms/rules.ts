// Cross-cell rules: each side is a sum of cells and numbers; empty cells count as 0, and a rule
// whose cells are all empty is not checked (a blank form is not "wrong", only incomplete).
import { numericValue } from './cells.js';
import { addExact, type FormValues } from './compute.js';
import type { FormDefinition, Rule, RuleOperator } from './definition.js';
import { rowIdsOf } from './layout.js';

export type RuleFailure = { rule: string; message: string; row?: string; cells: string[] };

const COMPARE: Record<RuleOperator, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '!=': (a, b) => a !== b,
};

function side(terms: (string | number)[], row: string | undefined, read: (k: string) => string | null) {
  const cells: string[] = [];
  const numbers: number[] = [];
  let filled = 0;
  for (const term of terms) {
    if (typeof term === 'number') {
      numbers.push(term);
      continue;
    }
    const key = row === undefined ? term : term.replace('.$row.', `.${row}.`);
    cells.push(key);
    const n = numericValue(read(key));
    if (n !== null) {
      numbers.push(n);
      filled++;
    }
  }
  return { cells, sum: addExact(numbers), filled };
}

function check(rule: Rule, row: string | undefined, read: (k: string) => string | null): RuleFailure | null {
  const left = side(rule.left, row, read);
  const right = side(rule.right, row, read);
  if (left.filled + right.filled === 0) return null;
  if (COMPARE[rule.op](left.sum, right.sum)) return null;
  return {
    rule: rule.key,
    message: rule.message,
    ...(row ? { row } : {}),
    cells: [...left.cells, ...right.cells],
  };
}

export function evaluateRules(
  def: FormDefinition,
  read: (key: string) => string | null,
  dynamicRows: Record<string, string[]> = {},
): RuleFailure[] {
  const failures: RuleFailure[] = [];
  for (const rule of def.rules) {
    const table = rule.forEachRow ? def.tables.find((t) => t.key === rule.forEachRow) : undefined;
    // Rows that are sums are not checked on their own: their failure would only repeat a row's.
    const rows = table
      ? rowIdsOf(table, dynamicRows).filter(
          (r) => table.rows.kind !== 'fixed' || !table.rows.items.find((i) => i.key === r)?.sumOf,
        )
      : [undefined];
    for (const row of rows) {
      const f = check(rule, row, read);
      if (f) failures.push(f);
    }
  }
  return failures;
}

export type { FormValues };
