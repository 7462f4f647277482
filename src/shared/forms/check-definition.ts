// What the Zod schema cannot say about a form definition: unique keys, references that resolve,
// limits that make sense. Each error names its exact path, e.g. "tables[0].columns[2].min".
import {
  type FormDefinition,
  type FormDefinitionInput,
  FormDefinitionSchema,
  type Table,
} from './definition.js';
import { isNumeric } from './layout.js';

export type DefinitionError = { path: string; message: string };

function duplicates<T>(items: T[], keyOf: (t: T) => string, path: (i: number) => string, what: string) {
  const seen = new Map<string, number>();
  const errors: DefinitionError[] = [];
  items.forEach((item, i) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first !== undefined)
      errors.push({ path: path(i), message: `${what} «${key}» повторяется (см. ${path(first)}).` });
    else seen.set(key, i);
  });
  return errors;
}

function checkTable(table: Table, t: number): DefinitionError[] {
  const at = `tables[${t}]`;
  const errors = duplicates(
    table.columns,
    (c) => c.key,
    (i) => `${at}.columns[${i}].key`,
    'Ключ столбца',
  );
  const columns = new Map(table.columns.map((c) => [c.key, c]));
  table.columns.forEach((c, i) => {
    const p = `${at}.columns[${i}]`;
    const numeric = isNumeric(c);
    if (c.min !== undefined && c.max !== undefined && c.min > c.max)
      errors.push({ path: `${p}.min`, message: 'Минимум больше максимума.' });
    if (!numeric && (c.min !== undefined || c.max !== undefined))
      errors.push({
        path: `${p}.${c.min !== undefined ? 'min' : 'max'}`,
        message: 'Минимум и максимум задаются только для чисел.',
      });
    if (c.scale !== undefined && c.type !== 'decimal')
      errors.push({
        path: `${p}.scale`,
        message: 'Число знаков после запятой задаётся только для дробных чисел.',
      });
    if (c.maxLength !== undefined && c.type !== 'text')
      errors.push({ path: `${p}.maxLength`, message: 'Максимальная длина задаётся только для текста.' });
    if (c.type === 'choice' && !c.options?.length)
      errors.push({ path: `${p}.options`, message: 'Для выбора из списка нужны варианты.' });
    if (c.type !== 'choice' && c.options)
      errors.push({ path: `${p}.options`, message: 'Варианты задаются только для выбора из списка.' });
    if (c.options)
      errors.push(
        ...duplicates(
          c.options,
          (o) => o.value,
          (j) => `${p}.options[${j}].value`,
          'Вариант',
        ),
      );
    if (c.sumOf) {
      if (!numeric)
        errors.push({ path: `${p}.sumOf`, message: 'Сумму может содержать только числовой столбец.' });
      c.sumOf.forEach((k, j) => {
        const target = columns.get(k);
        if (!target) errors.push({ path: `${p}.sumOf[${j}]`, message: `Нет столбца «${k}».` });
        else if (target.sumOf || k === c.key || !isNumeric(target))
          errors.push({
            path: `${p}.sumOf[${j}]`,
            message: `Столбец «${k}» нельзя суммировать: он не числовой или сам вычисляется.`,
          });
      });
    }
  });
  if (table.rows.kind === 'dynamic') {
    if (table.rows.min > table.rows.max)
      errors.push({ path: `${at}.rows.min`, message: 'Минимум строк больше максимума.' });
    return errors;
  }
  const items = table.rows.items;
  errors.push(
    ...duplicates(
      items,
      (r) => r.key,
      (i) => `${at}.rows.items[${i}].key`,
      'Ключ строки',
    ),
  );
  const rows = new Map(items.map((r) => [r.key, r]));
  items.forEach((r, i) => {
    r.sumOf?.forEach((k, j) => {
      const target = rows.get(k);
      const p = `${at}.rows.items[${i}].sumOf[${j}]`;
      if (!target) errors.push({ path: p, message: `Нет строки «${k}».` });
      else if (target.sumOf || k === r.key)
        errors.push({ path: p, message: `Строку «${k}» нельзя суммировать: она сама вычисляется.` });
    });
  });
  return errors;
}

function checkRules(def: FormDefinition): DefinitionError[] {
  const errors = duplicates(
    def.rules,
    (r) => r.key,
    (i) => `rules[${i}].key`,
    'Ключ правила',
  );
  const tables = new Map(def.tables.map((t) => [t.key, t]));
  def.rules.forEach((rule, i) => {
    if (rule.forEachRow && !tables.has(rule.forEachRow))
      errors.push({ path: `rules[${i}].forEachRow`, message: `Нет таблицы «${rule.forEachRow}».` });
    for (const sideName of ['left', 'right'] as const) {
      rule[sideName].forEach((term, j) => {
        if (typeof term === 'number') return;
        const p = `rules[${i}].${sideName}[${j}]`;
        const problem = checkTerm(term, rule.forEachRow, tables);
        if (problem) errors.push({ path: p, message: problem });
      });
    }
  });
  return errors;
}

function checkTerm(term: string, forEachRow: string | undefined, tables: Map<string, Table>): string | null {
  const [tableKey = '', rowKey = '', columnKey = '', ...rest] = term.split('.');
  if (rest.length || !columnKey) return `Ссылка «${term}» должна иметь вид таблица.строка.столбец.`;
  const table = tables.get(tableKey);
  if (!table) return `Ссылка «${term}»: нет таблицы «${tableKey}».`;
  const column = table.columns.find((c) => c.key === columnKey);
  if (!column) return `Ссылка «${term}»: нет столбца «${columnKey}».`;
  if (!isNumeric(column)) return `Ссылка «${term}»: столбец «${columnKey}» не числовой.`;
  if (rowKey === '$row')
    return forEachRow === tableKey
      ? null
      : `Ссылка «${term}»: «$row» допустим только в правиле для каждой строки этой таблицы.`;
  if (table.rows.kind !== 'fixed')
    return `Ссылка «${term}»: в таблице с добавляемыми строками используйте «$row».`;
  return table.rows.items.some((r) => r.key === rowKey) ? null : `Ссылка «${term}»: нет строки «${rowKey}».`;
}

export type DefinitionVerdict =
  | { ok: true; definition: FormDefinition }
  | { ok: false; errors: DefinitionError[] };

/** Parses and checks a definition: the schema first, then keys and references. */
export function checkDefinition(input: unknown): DefinitionVerdict {
  const parsed = FormDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const def = parsed.data;
  const errors = [
    ...duplicates(
      def.tables,
      (t) => t.key,
      (i) => `tables[${i}].key`,
      'Ключ таблицы',
    ),
    ...def.tables.flatMap(checkTable),
    ...checkRules(def),
  ];
  return errors.length ? { ok: false, errors } : { ok: true, definition: def };
}

export function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
}

export type { FormDefinitionInput };
