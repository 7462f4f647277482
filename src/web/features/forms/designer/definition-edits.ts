// Pure edits of a form definition for the designer: list moves, new blank items with keys that do
// not clash, and a column type change that drops the fields the new type does not take.
import type {
  Column,
  ColumnType,
  FixedRow,
  FormDefinition,
  Rule,
  Table,
} from '../../../../shared/forms/definition.js';
import { isNumeric } from '../../../../shared/forms/layout.js';

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** The list with the item at `from` moved to `to`; out-of-range moves change nothing. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1) as [T];
  next.splice(to, 0, item);
  return next;
}

/** `prefix_1`, `prefix_2`, …: the first one not taken. */
export function uniqueKey(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const key = `${prefix}_${n}`;
    if (!used.has(key)) return key;
  }
}

export function blankColumn(columns: readonly Column[]): Column {
  const key = uniqueKey(
    'col',
    columns.map((c) => c.key),
  );
  return { key, header: `Столбец ${columns.length + 1}`, type: 'integer', min: 0 };
}

export function blankRow(items: readonly FixedRow[]): FixedRow {
  const key = uniqueKey(
    'row',
    items.map((r) => r.key),
  );
  return { key, label: `Строка ${items.length + 1}` };
}

export function blankTable(tables: readonly Table[]): Table {
  const key = uniqueKey(
    'table',
    tables.map((t) => t.key),
  );
  return {
    key,
    title: `Таблица ${tables.length + 1}`,
    columns: [blankColumn([])],
    rows: { kind: 'fixed', items: [blankRow([])] },
  };
}

/** The references a rule may use: every numeric cell of the fixed tables, and `$row` of its own table. */
export function cellReferences(def: FormDefinition, forEachRow: string | undefined): string[] {
  const refs: string[] = [];
  for (const table of def.tables) {
    const numeric = table.columns.filter(isNumeric);
    if (table.key === forEachRow) refs.push(...numeric.map((c) => `${table.key}.$row.${c.key}`));
    if (table.rows.kind !== 'fixed') continue;
    for (const row of table.rows.items) refs.push(...numeric.map((c) => `${table.key}.${row.key}.${c.key}`));
  }
  return refs;
}

/**
 * A new rule that already passes the check («первая ячейка ≥ 0»), so that adding it does not hide
 * the form's other errors: the shared check reports those only once the structure is sound.
 */
export function blankRule(def: FormDefinition): Rule {
  const key = uniqueKey(
    'rule',
    def.rules.map((r) => r.key),
  );
  const first = cellReferences(def, undefined)[0] ?? '';
  return { key, message: 'Проверьте значения.', left: [first], op: '>=', right: [0] };
}

export function blankDefinition(): FormDefinition {
  return { title: 'Новая форма', tables: [blankTable([])], rules: [] };
}

const NUMERIC: readonly ColumnType[] = ['integer', 'decimal'];

/** The column as the new type takes it: fields that only another type accepts are dropped. */
export function withColumnType(column: Column, type: ColumnType): Column {
  const { min, max, scale, maxLength, options, sumOf, ...common } = column;
  const next: Column = { ...common, type };
  if (NUMERIC.includes(type)) {
    if (min !== undefined) next.min = min;
    if (max !== undefined) next.max = max;
    if (sumOf) next.sumOf = sumOf;
  }
  if (type === 'decimal' && scale !== undefined) next.scale = scale;
  if (type === 'text' && maxLength !== undefined) next.maxLength = maxLength;
  if (type === 'choice') next.options = options ?? [{ value: '1', label: 'Вариант 1' }];
  return next;
}

/** The object without the fields set to undefined: an optional field is absent, never `undefined`. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
