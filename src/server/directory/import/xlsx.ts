// XLSX to a Table: the first worksheet that has anything in it, read cell by cell as the user sees
// the cell (a formula's result, a link's text), with Excel's own row numbers.
import ExcelJS from 'exceljs';
import { describeUnstorable, unstorableChar } from '../../http/text-guard.js';
import { type ImportLimits, tooManyRows } from './limits.js';
import { ImportFileError } from './report.js';
import { cleanCell, isBlankRow, type Table, type TableRow } from './table.js';
import { checkXlsx, UNREADABLE_XLSX } from './xlsx-guard.js';

export async function parseXlsx(bytes: Buffer, limits: ImportLimits): Promise<Table> {
  // Sizes, rows and cells first, streaming: what ExcelJS would load must fit the limits.
  await checkXlsx(bytes, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError(UNREADABLE_XLSX);
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new ImportFileError('Файл пуст: в нём нет ни заголовка, ни строк с данными');
  if (sheet.actualRowCount > limits.rows + 1) throw tooManyRows(limits);

  let header: string[] | undefined;
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cleanCell(storableText(cell));
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (isBlankRow(cells)) return;
    if (header) rows.push({ row: rowNumber, cells });
    else header = cells;
  });
  if (!header) throw new ImportFileError('Файл пуст: в нём нет ни заголовка, ни строк с данными');
  return { format: 'xlsx', header, rows };
}

/**
 * A cell's text, refused if PostgreSQL could not store it. XML cannot hold a NUL, but OOXML spells
 * one `_x0000_`, which exceljs decodes; a CSV with one is refused whole as binary (decode.ts).
 */
function storableText(cell: ExcelJS.Cell): string {
  const text = cellText(cell);
  const char = unstorableChar(text);
  if (char) {
    throw new ImportFileError(
      `Ячейка ${cell.address} содержит недопустимый символ: ${describeUnstorable(char)}. Исправьте её и загрузите файл снова`,
    );
  }
  return text;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  // A date would come out as JavaScript's long form; no column holds dates, so keep it short.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cell.text ?? '';
}
