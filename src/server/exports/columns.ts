// What an export's columns are and how each value is written. One column per cell of the fixed
// tables, headed by its table, row and column labels; each table whose rows the organization
// adds gets a sheet of its own. Text that Excel could take for a formula is escaped.
import type { Column, FormDefinition, Table } from '../../shared/forms/definition.js';
import { allCells } from '../../shared/forms/layout.js';
import { RESPONSE_STATUS_LABELS, REVIEW_STATE_LABELS } from '../../shared/statuses.js';

export const ORGANIZATION_HEADERS = [
  'Регион',
  'Муниципалитет',
  'Код',
  'Организация',
  'Статус',
  'Дата начала ввода данных',
  'Дата передачи данных',
  // The review of the submitted report (docs/PRODUCT.md "Review of submitted reports").
  'Проверка',
  'Дата проверки',
  'Комментарий проверки',
];

export type CellColumn = { key: string; header: string; column: Column };

export function fixedCellColumns(def: FormDefinition): CellColumn[] {
  return allCells(def)
    .filter((c) => c.table.rows.kind === 'fixed')
    .map((c) => {
      const row = c.table.rows.kind === 'fixed' ? c.table.rows.items.find((r) => r.key === c.row) : undefined;
      return {
        key: c.key,
        header: `${c.table.title} / ${row?.label ?? c.row} / ${c.column.header}`,
        column: c.column,
      };
    });
}

export function dynamicTables(def: FormDefinition): Table[] {
  return def.tables.filter((t) => t.rows.kind === 'dynamic');
}

/** A sheet name: at most 31 characters, none of : \ / ? * [ ] (Excel's rules), unique. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 28) || 'Таблица';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base} ${i}`;
  taken.add(name);
  return name;
}

/**
 * Text starting with =, +, -, @, a tab or a carriage return is what Excel (or a CSV re-save)
 * would run as a formula; a leading apostrophe makes it plain text (OWASP "CSV injection").
 */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A stored cell value as Excel should hold it: numbers as numbers, the rest as readable text. */
export function excelValue(column: Column, value: string | undefined): string | number | null {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'integer':
    case 'decimal': {
      const n = Number(value);
      return Number.isFinite(n) ? n : safeText(value);
    }
    case 'boolean':
      return value === 'true' ? 'да' : value === 'false' ? 'нет' : safeText(value);
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      return m ? `${m[3]}.${m[2]}.${m[1]}` : safeText(value);
    }
    case 'choice':
      return safeText(column.options?.find((o) => o.value === value)?.label ?? value);
    case 'text':
      return safeText(value);
  }
}

/**
 * Widths are in characters of the default font. A column is as wide as its longest value, plus a
 * margin, and at least as wide as the longest word of its header (the header row wraps), within
 * WIDTH_CAP: a 300-character name would push every other column off the screen.
 */
export const WIDTH_CAP = 60;
const MIN_WIDTH = 6;
const MARGIN = 2;
/** «ДД.ММ.ГГГГ ЧЧ:ММ», as formatDateTime writes it. */
const DATE_TIME_CHARS = 16;
/** A question's column: its header wraps onto a few lines of this width rather than one long one. */
const QUESTION_WIDTH_CAP = 30;

export function columnWidth(longestValue: number, header: string, cap = WIDTH_CAP): number {
  const longestWord = Math.max(0, ...header.split(/\s+/).map((w) => w.length));
  return Math.min(cap, Math.max(MIN_WIDTH, longestValue, longestWord) + MARGIN);
}

/** The longest text each organization column holds in this export (from the database, up front). */
export type OrganizationTextLengths = {
  region: number;
  municipality: number;
  code: number;
  name: number;
  comment: number;
};

export function organizationWidths(longest: OrganizationTextLengths): number[] {
  const statuses = Math.max(...Object.values(RESPONSE_STATUS_LABELS).map((s) => s.length));
  const reviews = Math.max(...Object.values(REVIEW_STATE_LABELS).map((s) => s.length));
  const values = [
    longest.region,
    longest.municipality,
    longest.code,
    longest.name,
    statuses,
    DATE_TIME_CHARS,
    DATE_TIME_CHARS,
    reviews,
    DATE_TIME_CHARS,
    longest.comment,
  ];
  return ORGANIZATION_HEADERS.map((h, i) => columnWidth(values[i] ?? 0, h));
}

/** How long a question's value can be, as excelValue writes it; text answers wrap at the cap. */
function valueLength(column: Column): number {
  switch (column.type) {
    case 'integer':
    case 'decimal': {
      const digits = Math.max(String(column.min ?? 0).length, String(column.max ?? 999_999).length);
      return column.type === 'decimal' ? digits + 1 + (column.scale ?? 2) : digits;
    }
    case 'boolean':
      return 3;
    case 'date':
      return 10;
    case 'choice':
      return Math.max(0, ...(column.options ?? []).map((o) => o.label.length));
    case 'text':
      return column.maxLength ?? QUESTION_WIDTH_CAP;
  }
}

export function questionWidth(header: string, column: Column): number {
  return columnWidth(valueLength(column), header, QUESTION_WIDTH_CAP);
}
