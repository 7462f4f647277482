// The columns of each import file. A header may be the Russian name shown in the template or the
// English key, in any case; the report always names a column by its key, which never varies.
import { type CellError, ImportFileError } from './report.js';
import type { Table } from './table.js';

export type ColumnSpec = {
  key: string;
  /** The header the template uses. */
  header: string;
  /** Other headers people are likely to type. */
  aliases?: readonly string[];
  required: boolean;
  example: string;
};

export const ORGANIZATION_COLUMNS: readonly ColumnSpec[] = [
  { key: 'code', header: 'Код организации', aliases: ['код', 'код оо'], required: true, example: '770101' },
  {
    key: 'short_name',
    header: 'Краткое наименование',
    aliases: ['краткое название'],
    required: true,
    example: 'ГБОУ Школа № 2101',
  },
  {
    key: 'full_name',
    header: 'Полное наименование',
    aliases: ['полное название'],
    required: true,
    example: 'Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 2101»',
  },
  { key: 'kind', header: 'Тип организации', aliases: ['тип', 'вид'], required: true, example: 'школа' },
  { key: 'region_code', header: 'Код региона', required: true, example: '77' },
  { key: 'municipality_code', header: 'Код муниципалитета', required: true, example: '77001' },
  { key: 'is_active', header: 'Активна', aliases: ['активность', 'активен'], required: false, example: 'да' },
];

export const USER_COLUMNS: readonly ColumnSpec[] = [
  { key: 'login', header: 'Логин', required: true, example: 'ivanova.mo' },
  { key: 'role', header: 'Роль', required: true, example: 'Муниципальный координатор' },
  {
    key: 'full_name',
    header: 'ФИО',
    aliases: ['фамилия имя отчество'],
    required: true,
    example: 'Иванова Мария Олеговна',
  },
  {
    key: 'email',
    header: 'Электронная почта',
    aliases: ['e-mail', 'эл. почта', 'почта'],
    required: false,
    example: 'ivanova@example.ru',
  },
  { key: 'region_code', header: 'Код региона', required: false, example: '' },
  { key: 'municipality_code', header: 'Код муниципалитета', required: false, example: '77001' },
  { key: 'organization_code', header: 'Код организации', aliases: ['код оо'], required: false, example: '' },
  { key: 'is_active', header: 'Активен', aliases: ['активность', 'активна'], required: false, example: 'да' },
];

export function normalizeHeader(s: string): string {
  return s.replace(/\*+$/, '').replace(/\s+/g, ' ').trim().toLowerCase().replaceAll('ё', 'е');
}

/** A data row with its cells looked up by column key; `undefined` when the file has no such column. */
export type Cells = { row: number; get: (key: string) => string | undefined };

/** Maps the header to column keys; a missing required column or a repeated one fails the file. */
export function readColumns(table: Table, specs: readonly ColumnSpec[]): Cells[] {
  const byName = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    for (const name of [spec.key, spec.header, ...(spec.aliases ?? [])])
      byName.set(normalizeHeader(name), spec);
  }
  const index = new Map<string, number>();
  const errors: CellError[] = [];
  table.header.forEach((name, i) => {
    const spec = byName.get(normalizeHeader(name));
    if (!spec) return; // Extra columns (notes, numbering) are ignored.
    if (index.has(spec.key))
      errors.push({ column: spec.key, message: `Столбец «${spec.key}» указан в файле дважды` });
    else index.set(spec.key, i);
  });
  for (const spec of specs) {
    if (spec.required && !index.has(spec.key))
      errors.push({
        column: spec.key,
        message: `Отсутствует обязательный столбец «${spec.key}» (${spec.header})`,
      });
  }
  if (errors.length) throw new ImportFileError(errors);
  if (table.rows.length === 0)
    throw new ImportFileError('В файле нет строк с данными: под заголовком ничего не заполнено');
  return table.rows.map(({ row, cells }) => ({
    row,
    get: (key) => {
      const i = index.get(key);
      return i === undefined ? undefined : (cells[i] ?? '');
    },
  }));
}
