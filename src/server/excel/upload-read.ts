// «Загрузить из Excel», reading: a filled-in form file → its key map and, for each mapped cell,
// what the school left in it. The file is checked against the import limits first, streaming
// (the zip-bomb guard of the directory import), and only then loaded by ExcelJS. Cells are found
// through the very hidden sheet `ключи` (form-workbook.ts), never by their place on the sheets.
// Whether the key map fits the form is upload-plan.ts's business; here only its shape is checked.
import ExcelJS from 'exceljs';
import type { Config } from '../config.js';
import { checkXlsx, UNREADABLE_XLSX } from '../directory/import/xlsx-guard.js';
import { unstorableChar } from '../http/text-guard.js';
import { KEYS_HEADER, KEYS_SHEET } from './form-workbook.js';
import { UploadRefusal } from './upload-refusal.js';

/** One mapped input cell: where it is, its key (empty for a dynamic row added in the file), what it held. */
export type KeyEntry = {
  /** The row of the key sheet, for messages about a damaged map. */
  line: number;
  sheet: string;
  address: string;
  key: string;
  table: string;
  /** A row id, or `new:<i>` for an empty row of a dynamic table. */
  row: string;
  column: string;
  /** The cell's version when the file was downloaded (0: never written). */
  version: number;
  /** The stored value when the file was downloaded (null: empty). */
  original: string | null;
  /** What the school left in the cell. */
  content: CellContent;
};

/**
 * A cell as read: its text (null when empty), or why it cannot be taken. `serial` is set when the
 * cell held a number: in a date column that is Excel's day number of a date typed without a format.
 */
export type CellContent = { text: string | null; serial?: number } | { unreadable: string };

export type FormFile = {
  responseId: number;
  formVersionId: number;
  downloadId: string;
  downloadedAt: Date;
  entries: KeyEntry[];
};

/** The longest value autosave takes in one change (src/server/responses/routes.ts). */
export const MAX_VALUE_LENGTH = 10_000;

export const NO_KEYS =
  'В файле нет служебного листа формы. Загрузите файл, скачанный кнопкой «Скачать форму в Excel» ' +
  'на этой странице, или скачайте форму заново и перенесите в неё данные.';
export const TEMPLATE =
  'Это пустой шаблон формы, а не форма организации. Скачайте форму кнопкой «Скачать форму в Excel» ' +
  'на этой странице, заполните её и загрузите.';
export const OLD_FORMAT =
  'Файл скачан из прежней версии портала и не содержит сведений о том, когда были изменены ячейки. ' +
  'Скачайте форму заново кнопкой «Скачать форму в Excel» и перенесите в неё данные.';
export const tamperedKeys = (line: number) =>
  `Служебный лист формы в файле повреждён или изменён (строка ${line}). ` +
  'Скачайте форму заново кнопкой «Скачать форму в Excel» и перенесите в неё данные.';

export const missingSheet = (name: string) =>
  `В файле нет листа «${name}»: листы формы нельзя переименовывать и удалять. ` +
  'Верните листу прежнее имя или скачайте форму заново.';

const ADDRESS = /^[A-Z]{1,3}[1-9]\d{0,6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function readFormFile(bytes: Buffer, limits: Config['importLimits']): Promise<FormFile> {
  await checkXlsx(bytes, limits);
  const book = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer.
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UploadRefusal('unreadable_file', UNREADABLE_XLSX);
  }
  const keys = book.getWorksheet(KEYS_SHEET);
  if (!keys) throw new UploadRefusal('no_key_sheet', NO_KEYS);
  const head = keys.getRow(1).values as unknown[];
  const header = (keys.getRow(2).values as unknown[]).slice(1);
  if (head[1] !== 'responseId' || head[3] !== 'formVersionId')
    throw new UploadRefusal('no_key_sheet', NO_KEYS);
  // The federal operator's empty template of a form version has the same key sheet, with no participant.
  if (head[2] === undefined || head[2] === null || head[2] === '')
    throw new UploadRefusal('other_response', TEMPLATE);
  if (head[5] !== 'downloadId' || KEYS_HEADER.some((h, i) => header[i] !== h))
    throw new UploadRefusal('old_file', OLD_FORMAT);
  const responseId = head[2];
  const formVersionId = head[4];
  const downloadId = head[6];
  const downloadedAt = new Date(String(head[8]));
  if (
    !isId(responseId) ||
    !isId(formVersionId) ||
    typeof downloadId !== 'string' ||
    !UUID.test(downloadId) ||
    Number.isNaN(downloadedAt.getTime())
  )
    throw new UploadRefusal('tampered_file', tamperedKeys(1));

  const entries: KeyEntry[] = [];
  keys.eachRow((row, line) => {
    if (line <= 2) return;
    const [sheet, address, key, table, rowId, column, version, value] = (row.values as unknown[]).slice(1);
    const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : null);
    const fields = [sheet, address, key, table, rowId, column, value].map(text);
    if (fields.some((f) => f === null) || !Number.isInteger(version) || (version as number) < 0)
      throw new UploadRefusal('tampered_file', tamperedKeys(line));
    const [s, a, k, t, r, c, v] = fields as string[];
    const ws = book.getWorksheet(s);
    // Sheet protection keeps rows and cells in place, but not the sheets' names: say which is missing.
    if (!ws && s) throw new UploadRefusal('tampered_file', missingSheet(s as string));
    if (!ws || ws === keys || !ADDRESS.test(a as string))
      throw new UploadRefusal('tampered_file', tamperedKeys(line));
    entries.push({
      line,
      sheet: s as string,
      address: a as string,
      key: k as string,
      table: t as string,
      row: r as string,
      column: c as string,
      version: version as number,
      original: v === '' ? null : (v as string),
      content: contentOf(ws.getCell(a as string)),
    });
  });
  return { responseId, formVersionId, downloadId, downloadedAt, entries };
}

const isId = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) > 0 && (v as number) <= 2 ** 31;

/** What a person sees in the cell, as text the form's parser (normalizeInput) reads. */
export function contentOf(cell: ExcelJS.Cell): CellContent {
  return contentOfValue(cell.value);
}

export function contentOfValue(value: ExcelJS.CellValue): CellContent {
  const text = textOf(value);
  if ('unreadable' in text) return text;
  if (text.text === null) return text;
  if (text.text.length > MAX_VALUE_LENGTH)
    return { unreadable: `Текст длиннее ${MAX_VALUE_LENGTH.toLocaleString('ru-RU')} символов.` };
  if (unstorableChar(text.text)) return { unreadable: 'В ячейке недопустимый (управляющий) символ.' };
  return text;
}

function textOf(v: ExcelJS.CellValue): CellContent {
  if (v === null || v === undefined) return { text: null };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number') return { text: numberText(v), serial: v };
  if (typeof v === 'boolean') return { text: v ? 'да' : 'нет' };
  // Excel keeps a date as a day number; ExcelJS gives it as midnight UTC of that day.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { text: null } : { text: dateText(v) };
  if (typeof v === 'object') {
    if ('error' in v) return { unreadable: `В ячейке ошибка Excel ${String(v.error)}.` };
    if ('richText' in v) return { text: v.richText.map((r) => r.text).join('') };
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      if (result === undefined)
        return {
          unreadable: 'В ячейке формула без вычисленного значения: откройте файл в Excel и сохраните.',
        };
      return textOf(result as ExcelJS.CellValue);
    }
    if ('text' in v) return textOf((v as { text: ExcelJS.CellValue }).text);
  }
  return { unreadable: 'Значение ячейки не удалось прочитать.' };
}

/** A number as the portal writes it: no exponent, no binary noise (0.1 + 0.2 is 0.3). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toPrecision(15));
  const plain = String(rounded);
  if (!/e/i.test(plain)) return plain;
  if (Number.isInteger(rounded)) return BigInt(rounded).toString();
  return rounded.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Excel's day number (1900 date system; day 1 is 01.01.1900, with its phantom 29.02.1900). */
export function serialDateText(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 61 || serial > 2_958_465) return null;
  return dateText(new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000));
}

const dateText = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
