// «Загрузить из Excel», deciding: what a filled-in form file changes in a response. Pure: the form,
// the cells as stored now and the file as read (upload-read.ts) in, the plan out; the preview shows
// it and «Применить» applies its changes through autosave (responses/autosave.ts).
//
// A cell is changed in the file when its value there differs from the value the file was
// downloaded with (both read the same way, so a file loaded back untouched changes nothing). Such
// a cell is then, by the autosave rule of versions:
//   * nothing to do when the response already holds that value (e.g. a retry of an applied file);
//   * a change when the cell's version is still the one the file was downloaded with;
//   * a conflict when the cell was changed in the portal since: it is listed, never overwritten.
// A cell the school left as downloaded is not touched, whatever the portal did to it meanwhile.
//
// Every change has an id derived from the download, the cell and the new value, and dynamic rows
// added in the file get ids derived from the download too: applying the same file twice, or again
// after the page was closed halfway, finds the changes already applied and repeats none.
import { createHash } from 'node:crypto';
import { formatCell, normalizeInput } from '../../shared/forms/cells.js';
import type { Column, FormDefinition, Table } from '../../shared/forms/definition.js';
import { cellKey, ROW_ID } from '../../shared/forms/layout.js';
import { isWritableKey, ROW_MARKER, rowMarkerKey, toFormData } from '../../shared/forms/response-data.js';
import { validateForm } from '../../shared/forms/validate.js';
import type { CellChange } from '../responses/autosave.js';
import { excelValue } from './form-workbook.js';
import { contentOfValue, type FormFile, type KeyEntry, serialDateText, tamperedKeys } from './upload-read.js';
import { UploadRefusal } from './upload-refusal.js';

export type StoredCell = { value: string | null; version: number };

export type PlannedChange = CellChange & {
  /** The value the response holds now. */
  old: string | null;
  /** The validation engine's message for the new value (it is stored as a draft, as typed in the table). */
  error: string | null;
};

export type PlannedConflict = {
  cell: string;
  yours: string | null;
  current: string | null;
  reason: 'changed' | 'row_deleted';
};

/** A cell whose content cannot be taken at all (it is not applied). */
export type Unreadable = { cell: string; table: string; column: string; row: string; message: string };

export type UploadPlan = {
  changes: PlannedChange[];
  conflicts: PlannedConflict[];
  unreadable: Unreadable[];
  /** New dynamic rows: table key → row ids, in the file's order. */
  newRows: Record<string, string[]>;
  /** Cells of new rows left empty that the form requires (the row is added, the cell stays empty). */
  missing: { cell: string; message: string }[];
  /** Dynamic rows after the changes, for the rows' numbers in messages. */
  rowsAfter: Record<string, string[]>;
};

export type PlanInput = {
  definition: FormDefinition;
  fixedInputs: ReadonlySet<string> | Map<string, unknown>;
  cells: Record<string, StoredCell>;
  responseId: number;
  file: FormFile;
};

type Resolved = { entry: KeyEntry; table: Table; column: Column };

export function planUpload(input: PlanInput): UploadPlan {
  const { definition, cells } = input;
  const resolved = resolveEntries(input);
  const values = Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.value]));
  const live = toFormData(definition, values).rows;

  const changes: PlannedChange[] = [];
  const conflicts: PlannedConflict[] = [];
  const unreadable: Unreadable[] = [];
  const newRows: Record<string, string[]> = {};
  const id = (key: string, value: string | null) =>
    changeId(input.responseId, input.file.downloadId, key, value);

  /** The autosave rule for one cell changed in the file. */
  const consider = (key: string, value: string | null, base: number) => {
    const now = cells[key] ?? { value: null, version: 0 };
    if (now.value === value) return;
    if (now.version !== base) {
      conflicts.push({ cell: key, yours: value, current: now.value, reason: 'changed' });
      return;
    }
    changes.push({ id: id(key, value), cell: key, value, base, old: now.value, error: null });
  };

  // Rows of dynamic tables added in the file, in its order: `new:<i>` of one table, grouped.
  const added = new Map<string, Resolved[]>();
  for (const r of resolved) {
    const { entry, table, column } = r;
    if (entry.row.startsWith('new:')) {
      const group = `${table.key}\u0000${entry.row}`;
      added.set(group, [...(added.get(group) ?? []), r]);
      continue;
    }
    const value = readValue(r, unreadable, entry.key);
    if (value === undefined || value === originalValue(column, entry.original)) continue;
    const rowGone = table.rows.kind === 'dynamic' && !live[table.key]?.includes(entry.row);
    if (rowGone) {
      conflicts.push({ cell: entry.key, yours: value, current: null, reason: 'row_deleted' });
      continue;
    }
    consider(entry.key, value, entry.version);
  }

  const sorted = [...added.values()].sort((a, b) => newIndex(a[0] as Resolved) - newIndex(b[0] as Resolved));
  for (const group of sorted) {
    const table = (group[0] as Resolved).table;
    const index = newIndex(group[0] as Resolved);
    const rowId = newRowIdOf(input.file, table.key, index);
    const filled: { key: string; value: string | null }[] = [];
    for (const r of group) {
      const key = cellKey(table.key, rowId, r.column.key);
      const value = readValue(r, unreadable, key);
      if (value !== undefined && value !== null) filled.push({ key, value });
    }
    if (filled.length === 0) continue;
    const rows = live[table.key] ?? [];
    const isNew = !rows.includes(rowId);
    const max = table.rows.kind === 'dynamic' ? table.rows.max : 0;
    const count = rows.length + (newRows[table.key]?.length ?? 0);
    if (isNew && count >= max) {
      for (const f of filled) {
        const r = group.find((g) => cellKey(table.key, rowId, g.column.key) === f.key) as Resolved;
        unreadable.push({
          cell: f.key,
          table: table.key,
          column: r.column.key,
          row: rowId,
          message: `Строка не добавлена: в таблице допускается не больше ${max} строк.`,
        });
      }
      continue;
    }
    if (isNew) newRows[table.key] = [...(newRows[table.key] ?? []), rowId];
    consider(rowMarkerKey(table.key, rowId), '1', 0);
    for (const f of filled) consider(f.key, f.value, 0);
  }

  const { rowsAfter, missing } = markErrors(definition, values, changes, newRows);
  return { changes, conflicts, unreadable, newRows, missing, rowsAfter };
}

/** Each entry of the key map, checked against the form: a map that does not fit it is refused. */
function resolveEntries(input: PlanInput): Resolved[] {
  const seenKeys = new Set<string>();
  const seenPlaces = new Set<string>();
  const out: Resolved[] = [];
  for (const entry of input.file.entries) {
    const table = input.definition.tables.find((t) => t.key === entry.table);
    const column = table?.columns.find((c) => c.key === entry.column);
    const isNewRow = entry.row.startsWith('new:');
    const fits =
      table &&
      column &&
      !column.sumOf &&
      (isNewRow
        ? table.rows.kind === 'dynamic' && entry.key === '' && /^new:\d{1,4}$/.test(entry.row)
        : entry.key === cellKey(table.key, entry.row, column.key) &&
          isWritableKey(input.definition, input.fixedInputs, entry.key));
    const identity = `${entry.table}.${entry.row}.${entry.column}`;
    const place = `${entry.sheet}!${entry.address}`;
    if (!fits || seenKeys.has(identity) || seenPlaces.has(place))
      throw new UploadRefusal('tampered_file', tamperedKeys(entry.line));
    seenKeys.add(identity);
    seenPlaces.add(place);
    out.push({ entry, table, column });
  }
  return out;
}

/** The cell's value as the form stores it; undefined when it cannot be taken (listed as unreadable). */
function readValue(r: Resolved, unreadable: Unreadable[], key: string): string | null | undefined {
  const c = r.entry.content;
  if ('unreadable' in c) {
    unreadable.push({
      cell: key,
      table: r.table.key,
      column: r.column.key,
      row: r.entry.row,
      message: c.unreadable,
    });
    return undefined;
  }
  return normalizeInput(r.column, textFor(r.column, c));
}

/** A number in a date column is a date whose cell lost its format: Excel counts dates in days. */
function textFor(column: Column, c: { text: string | null; serial?: number }): string | null {
  if (column.type === 'date' && c.serial !== undefined) return serialDateText(c.serial) ?? c.text;
  return c.text;
}

/** The downloaded value as it reads back from the file: what an untouched cell holds. */
function originalValue(column: Column, original: string | null): string | null {
  if (original === null) return null;
  const content = contentOfValue(excelValue(column, original));
  return 'text' in content ? normalizeInput(column, textFor(column, content)) : original;
}

const newIndex = (r: Resolved) => Number(r.entry.row.slice(4));

/**
 * The id of a row added in the file: the download's time (row ids sort by creation time, so the
 * row comes after those the file was downloaded with), its place, and a tag of the download.
 */
export function newRowIdOf(file: FormFile, table: string, index: number): string {
  const tag = BigInt(`0x${sha256(`${file.downloadId}|${table}`).slice(0, 12)}`)
    .toString(36)
    .slice(0, 4)
    .padStart(4, '0');
  const id = `r${(file.downloadedAt.getTime() + index).toString(36)}${tag}`;
  if (!ROW_ID.test(id)) throw new Error(`row id ${id} does not fit ROW_ID`);
  return id;
}

/** A UUID made from the change itself: the same change from the same download has the same id. */
export function changeId(responseId: number, downloadId: string, key: string, value: string | null): string {
  const h = sha256(`${responseId}|${downloadId}|${key}|${value === null ? '\u0000' : value}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((Number.parseInt(h[16] as string, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The validation engine's verdict on the response as it would be, for the changed cells and the
 * other cells of new rows; and the dynamic rows as the table will then show them.
 */
function markErrors(
  definition: FormDefinition,
  values: Record<string, string | null>,
  changes: PlannedChange[],
  newRows: Record<string, string[]>,
) {
  const after = { ...values };
  for (const c of changes) after[c.cell] = c.value;
  const data = toFormData(definition, after);
  const verdict = validateForm(definition, data);
  const changed = new Set<string>();
  for (const c of changes) {
    changed.add(c.cell);
    if (c.cell.endsWith(`.${ROW_MARKER}`)) continue;
    c.error = verdict.cellErrors[c.cell] ?? null;
  }
  const missing: { cell: string; message: string }[] = [];
  for (const [table, ids] of Object.entries(newRows)) {
    const columns = definition.tables.find((t) => t.key === table)?.columns ?? [];
    for (const id of ids) {
      for (const column of columns) {
        const key = cellKey(table, id, column.key);
        const message = verdict.cellErrors[key];
        if (message && !changed.has(key)) missing.push({ cell: key, message });
      }
    }
  }
  return { rowsAfter: data.rows, missing };
}

/** For tests and the preview: how a stored value reads to a person. */
export function shown(column: Column | undefined, value: string | null): string {
  if (value === null) return '';
  return column ? formatCell(column, value) : value;
}
