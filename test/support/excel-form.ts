// A school's form file as the tests handle it: downloaded over HTTP, edited with ExcelJS where the
// key sheet says a cell is (never by position), and sent back to «Загрузить из Excel».
import ExcelJS from 'exceljs';
import { KEYS_SHEET } from '../../src/server/excel/form-workbook.js';
import type { Client } from './client.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function downloadForm(c: Client, responseId: number): Promise<ExcelJS.Workbook> {
  const res = await fetch(`${c.baseUrl}/api/responses/${responseId}/form.xlsx`, {
    headers: { cookie: `niko_session=${c.cookie('niko_session')}` },
  });
  if (res.status !== 200) throw new Error(`form.xlsx: ${res.status}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

export type KeyRow = {
  sheet: string;
  address: string;
  key: string;
  table: string;
  row: string;
  column: string;
};

/** The key sheet's rows from the third on. */
export function keyRows(book: ExcelJS.Workbook): KeyRow[] {
  const sheet = book.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet;
  const out: KeyRow[] = [];
  sheet.eachRow((row, n) => {
    if (n <= 2) return;
    const [s, address, key, table, r, column] = (row.values as unknown[])
      .slice(1)
      .map((v) => String(v ?? ''));
    out.push({
      sheet: s ?? '',
      address: address ?? '',
      key: key ?? '',
      table: table ?? '',
      row: r ?? '',
      column: column ?? '',
    });
  });
  return out;
}

function cellAt(book: ExcelJS.Workbook, place: KeyRow | undefined, what: string): ExcelJS.Cell {
  if (!place) throw new Error(`no cell for ${what} in the key sheet`);
  return (book.getWorksheet(place.sheet) as ExcelJS.Worksheet).getCell(place.address);
}

/** The cell of a form key. */
export function cellOf(book: ExcelJS.Workbook, key: string): ExcelJS.Cell {
  return cellAt(
    book,
    keyRows(book).find((k) => k.key === key),
    key,
  );
}

/** A cell of the n-th (0-based) empty row a dynamic table has in the file. */
export function newRowCell(book: ExcelJS.Workbook, table: string, n: number, column: string): ExcelJS.Cell {
  const rows = [
    ...new Set(
      keyRows(book)
        .filter((k) => k.table === table && k.row.startsWith('new:'))
        .map((k) => k.row),
    ),
  ];
  const row = rows[n];
  return cellAt(
    book,
    keyRows(book).find((k) => k.table === table && k.row === row && k.column === column),
    `${table} new row ${n} ${column}`,
  );
}

export async function bytesOf(book: ExcelJS.Workbook): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await book.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}

export function sendForm(
  c: Client,
  responseId: number,
  step: 'preview' | 'apply',
  content: Uint8Array<ArrayBuffer> | string,
) {
  return c.upload(`/api/responses/${responseId}/excel-upload/${step}`, {
    name: 'Форма.xlsx',
    content,
    type: XLSX_TYPE,
  });
}
