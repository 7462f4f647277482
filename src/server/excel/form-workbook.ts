// «Скачать форму в Excel»: the organization's form as a workbook to fill in away from the portal.
// One sheet per table, headed as in the portal and naming the organization and the collection; the
// cells a person types into are unlocked and checked by Excel's data validation where Excel can say
// the form's rule; computed cells are formulas, so totals follow the typing; everything else is
// protected (no password: protection guards against slips, not people). A very hidden sheet maps
// every input cell to its form key, so that loading the file back never depends on the layout, and
// to the cell's version and value as downloaded, so that «Загрузить из Excel» can tell the cells
// the school changed in the file from those changed in the portal since (upload-plan.ts).
import ExcelJS from 'exceljs';
import { formatCell } from '../../shared/forms/cells.js';
import type { Column, FormDefinition, Table } from '../../shared/forms/definition.js';
import { cellKey, isComputedCell, isNumeric } from '../../shared/forms/layout.js';
import type { FormData } from '../../shared/forms/validate.js';
import { sheetName } from '../exports/columns.js';

/** The sheet that maps cells to keys; Excel shows it only to VBA ("very hidden"). */
export const KEYS_SHEET = 'ключи';
/** Rows above a table's header: organization and collection (or the form version), the table's title, a blank line. */
const HEADER_ROW = 5;
const INTEGER_LIMIT = 2_147_483_647;

export type FormWorkbookSource = {
  formVersionId: number;
  definition: FormDefinition;
  data: FormData;
  /** Each stored cell's version (as autosave counts them); a cell never written is version 0. */
  versions?: Record<string, number>;
  /** Marks this download: «Загрузить из Excel» derives its change ids from it (upload-plan.ts). */
  downloadId?: string;
  downloadedAt?: Date;
} & (
  | { organization: { code: string; shortName: string }; collectionTitle: string; responseId: number }
  /** The operator's empty template of a form version: no organization, no participant. */
  | { template: { formTitle: string; version: number } }
);

type Placed = {
  sheet: string;
  address: string;
  key: string;
  table: string;
  row: string;
  column: string;
  version: number;
  value: string;
};

/** The key sheet's header row: the columns of each mapped cell. */
export const KEYS_HEADER = ['sheet', 'cell', 'key', 'table', 'row', 'column', 'version', 'value'] as const;

export async function formWorkbook(src: FormWorkbookSource): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'ФИС ОКО';
  const names = new Set<string>([KEYS_SHEET]);
  const placed: Placed[] = [];
  for (const table of src.definition.tables) {
    const sheet = book.addWorksheet(sheetName(table.title, names));
    writeTable(sheet, table, src, placed);
    await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  }
  const keys = book.addWorksheet(KEYS_SHEET, { state: 'veryHidden' });
  // A template has no participant: its responseId cell stays empty, the layout stays the same.
  const responseId = 'template' in src ? null : src.responseId;
  keys.addRow([
    'responseId',
    responseId,
    'formVersionId',
    src.formVersionId,
    'downloadId',
    src.downloadId ?? '',
    'downloadedAt',
    (src.downloadedAt ?? new Date()).toISOString(),
  ]);
  keys.addRow([...KEYS_HEADER]);
  for (const p of placed)
    keys.addRow([p.sheet, p.address, p.key, p.table, p.row, p.column, p.version, p.value]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function writeTable(sheet: ExcelJS.Worksheet, table: Table, src: FormWorkbookSource, placed: Placed[]) {
  const [first, second] = headingOf(src);
  sheet.getCell('A1').value = first;
  sheet.getCell('A2').value = second;
  sheet.getCell('A3').value = table.title;
  sheet.getCell('A3').font = { bold: true, size: 12 };
  const dynamic = table.rows.kind === 'dynamic';
  const header = sheet.getRow(HEADER_ROW);
  header.getCell(1).value = dynamic ? '№' : '';
  for (const [i, c] of table.columns.entries()) header.getCell(i + 2).value = c.header;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(1).width = dynamic ? 6 : 45;
  for (const [i, c] of table.columns.entries()) sheet.getColumn(i + 2).width = columnWidth(c);
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW }];

  const rows = rowsOf(table, src.data);
  const rowNumber = new Map(rows.map((r, i) => [r.id, HEADER_ROW + 1 + i]));
  for (const [i, r] of rows.entries()) {
    const excelRow = sheet.getRow(HEADER_ROW + 1 + i);
    excelRow.getCell(1).value = r.label;
    for (const [j, column] of table.columns.entries()) {
      const cell = excelRow.getCell(j + 2);
      const key = cellKey(table.key, r.id, column.key);
      if (!dynamic && isComputedCell(table, r.id, column)) {
        if (!column.sumOf && !isNumeric(column)) continue;
        cell.value = { formula: sumFormula(table, r.id, column, rowNumber) };
        cell.font = { bold: true };
        continue;
      }
      const value = src.data.values[key];
      if (value !== undefined) cell.value = excelValue(column, value);
      cell.protection = { locked: false };
      // Dates shown as the portal shows them, and kept by Excel as dates when typed.
      if (column.type === 'date') cell.numFmt = 'DD.MM.YYYY';
      const validation = validationOf(column);
      if (validation) cell.dataValidation = validation;
      placed.push({
        sheet: sheet.name,
        address: cell.address,
        key: r.existing ? key : '',
        table: table.key,
        row: r.existing ? r.id : `new:${i}`,
        column: column.key,
        version: r.existing ? (src.versions?.[key] ?? 0) : 0,
        value: r.existing ? (value ?? '') : '',
      });
    }
  }
}

/** The two lines above each table: whose form it is, or which form version a template is of. */
function headingOf(src: FormWorkbookSource): [string, string] {
  if ('template' in src) {
    const { formTitle, version } = src.template;
    return [`Форма: ${formTitle}, версия ${version}`, 'Пустой шаблон формы: организация не указана'];
  }
  const org = src.organization;
  return [`Организация: ${org.shortName} (код ${org.code})`, `Сбор данных: ${src.collectionTitle}`];
}

type SheetRow = { id: string; label: string; existing: boolean };

/** A fixed table's rows; a dynamic table's rows so far, then empty ones up to its maximum. */
function rowsOf(table: Table, data: FormData): SheetRow[] {
  if (table.rows.kind === 'fixed')
    return table.rows.items.map((r) => ({ id: r.key, label: r.label, existing: true }));
  const ids = data.rows[table.key] ?? [];
  const rows = ids.map((id, i) => ({ id, label: String(i + 1), existing: true }));
  for (let i = ids.length; i < table.rows.max; i++)
    rows.push({ id: `new${i}`, label: String(i + 1), existing: false });
  return rows;
}

/** A row total sums the rows it names in its column; a column total, the columns it names in its row. */
function sumFormula(table: Table, rowId: string, column: Column, rowNumber: Map<string, number>): string {
  const letter = (key: string) => columnLetter(table.columns.findIndex((c) => c.key === key) + 2);
  const fixedRow = table.rows.kind === 'fixed' ? table.rows.items.find((r) => r.key === rowId) : undefined;
  if (fixedRow?.sumOf) {
    const refs = fixedRow.sumOf.map((r) => `${letter(column.key)}${rowNumber.get(r)}`);
    return `SUM(${refs.join(',')})`;
  }
  const refs = (column.sumOf ?? []).map((c) => `${letter(c)}${rowNumber.get(rowId)}`);
  return `SUM(${refs.join(',')})`;
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The stored value as Excel should hold it: numbers as numbers, choices by their label, dates as dates. */
export function excelValue(column: Column, value: string): ExcelJS.CellValue {
  if (isNumeric(column)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (column.type === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : value;
  }
  return formatCell(column, value);
}

function columnWidth(c: Column): number {
  if (c.type === 'text') return Math.min(40, Math.max(14, c.header.length / 2));
  if (c.type === 'choice')
    return Math.min(30, Math.max(12, ...(c.options ?? []).map((o) => o.label.length + 2)));
  return Math.min(20, Math.max(10, Math.ceil(c.header.length / 3)));
}

/** Excel's data validation for what Excel can say of the column's rule; the portal checks the rest. */
function validationOf(c: Column): ExcelJS.DataValidation | null {
  const error = (text: string) => ({
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Неверное значение',
    error: text,
  });
  switch (c.type) {
    case 'integer': {
      const min = c.min ?? 0;
      const max = c.max ?? INTEGER_LIMIT;
      return {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [min, max],
        ...error(`Целое число от ${min} до ${max}.`),
      } as ExcelJS.DataValidation;
    }
    case 'decimal': {
      const min = c.min ?? -1e15;
      const max = c.max ?? 1e15;
      return {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [min, max],
        ...error(`Число от ${min} до ${max}.`),
      } as ExcelJS.DataValidation;
    }
    case 'choice':
      return listOf(
        (c.options ?? []).map((o) => o.label),
        error('Выберите значение из списка.'),
      );
    case 'boolean':
      return listOf(['да', 'нет'], error('Выберите «да» или «нет».'));
    case 'date':
      return {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date(Date.UTC(1900, 0, 1))],
        ...error('Дата в виде ДД.ММ.ГГГГ.'),
      } as ExcelJS.DataValidation;
    case 'text':
      return {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        allowBlank: true,
        formulae: [c.maxLength ?? 1000],
        ...error(`Не длиннее ${c.maxLength ?? 1000} символов.`),
      } as ExcelJS.DataValidation;
  }
}

/** A drop-down list; Excel keeps a list written inline to 255 characters, longer lists are not checked. */
function listOf(labels: string[], error: object): ExcelJS.DataValidation | null {
  const inline = `"${labels.map((l) => l.replace(/"/g, '""').replace(/,/g, ' ')).join(',')}"`;
  if (inline.length > 255) return null;
  return { type: 'list', allowBlank: true, formulae: [inline], ...error } as ExcelJS.DataValidation;
}
