// The form's round trip through Excel, as a property (fast-check): over the demo form and random
// generated forms, with random answers, the file as downloaded loads back with no change; and
// values typed into the file as a person would (numbers, dates, labels of choices, «да»/«нет»,
// text, rows added to dynamic tables) are what the response holds after «Применить». The pure
// path (form-workbook → upload-read → upload-plan) runs many cases; HTTP, the database and
// autosave run a few over the demo form.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config.js';
import { NIKO_CONTEXT_FORM } from '../src/server/demo/niko-form.js';
import { formWorkbook, KEYS_SHEET } from '../src/server/excel/form-workbook.js';
import { planUpload, type StoredCell } from '../src/server/excel/upload-plan.js';
import { readFormFile } from '../src/server/excel/upload-read.js';
import { normalizeInput } from '../src/shared/forms/cells.js';
import {
  type Column,
  type FormDefinition,
  FormDefinitionSchema,
  type Table,
} from '../src/shared/forms/definition.js';
import { cellKey, inputCellMap, isComputedCell } from '../src/shared/forms/layout.js';
import { ROW_MARKER, rowMarkerKey, toFormData } from '../src/shared/forms/response-data.js';
import type { Client } from './support/client.js';
import { bytesOf, downloadForm, keyRows, sendForm } from './support/excel-form.js';
import { startTestServer, type TestServer } from './support/server.js';

const LIMITS = loadConfig({ LOG_LEVEL: 'silent' }).importLimits;
const DEMO = FormDefinitionSchema.parse(NIKO_CONTEXT_FORM);

// ---- values ------------------------------------------------------------------------------------

/** A stored (canonical) value of a column, valid or, now and then, a draft as a person left it. */
function storedValue(column: Column): fc.Arbitrary<string> {
  const valid = validValue(column);
  if (column.type === 'integer' || column.type === 'decimal' || column.type === 'date')
    return fc.oneof(
      { weight: 9, arbitrary: valid },
      { weight: 1, arbitrary: fc.constantFrom('нет данных', '12 человек') },
    );
  return valid;
}

/** Control characters are not text a person types into a cell (XML cannot even hold most of them). */
const withoutControls = (s: string) =>
  [...s]
    .map((ch) => ((ch.codePointAt(0) ?? 0) < 0x20 || /[\x7f-\x9f\ufffe\uffff]/.test(ch) ? 'x' : ch))
    .join('');

function validValue(column: Column): fc.Arbitrary<string> {
  switch (column.type) {
    case 'integer':
      return fc.integer({ min: column.min ?? -1_000_000, max: column.max ?? 1_000_000 }).map(String);
    case 'decimal': {
      const scale = column.scale ?? 2;
      return fc
        .integer({ min: -10_000_000, max: 10_000_000 })
        .map((n) => normalizeInput(column, (n / 10 ** scale).toFixed(scale)) as string);
    }
    case 'text':
      return fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(column.maxLength ?? 40, 40) })
        .map(withoutControls)
        .filter((s) => s.trim() !== '');
    case 'choice':
      return fc.constantFrom(...(column.options ?? []).map((o) => o.value));
    case 'boolean':
      return fc.constantFrom('true', 'false');
    case 'date':
      return fc
        .date({
          min: new Date(Date.UTC(1901, 0, 1)),
          max: new Date(Date.UTC(2099, 11, 31)),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
  }
}

/** A value as a person leaves it in Excel: numbers as numbers, dates as dates, choices by label. */
function typedInExcel(column: Column, value: string | null): ExcelJS.CellValue {
  if (value === null) return null;
  if ((column.type === 'integer' || column.type === 'decimal') && /^-?\d+(\.\d+)?$/.test(value))
    return Number(value);
  if (column.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  if (column.type === 'choice') return column.options?.find((o) => o.value === value)?.label ?? value;
  if (column.type === 'boolean') return value === 'true' ? 'да' : value === 'false' ? 'нет' : value;
  return value;
}

/** Row ids as the browser makes them (newRowId): the time, so they sort in the order made. */
const ROWS_SINCE = Date.UTC(2026, 0, 1);
const rowIdMadeAt = (ms: number) => `r${ms.toString(36)}aaaa`;

// ---- forms -------------------------------------------------------------------------------------

const columnArb: fc.Arbitrary<Omit<Column, 'key' | 'header'>> = fc.oneof(
  fc.record({
    type: fc.constant('integer' as const),
    min: fc.constantFrom(undefined, 0, -50),
    max: fc.constantFrom(undefined, 100, 5000),
  }),
  fc.record({ type: fc.constant('decimal' as const), scale: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ type: fc.constant('text' as const), maxLength: fc.constantFrom(undefined, 5, 200) }),
  fc.record({ type: fc.constant('boolean' as const) }),
  fc.record({ type: fc.constant('date' as const) }),
  fc
    .uniqueArray(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s !== ''),
      {
        minLength: 1,
        maxLength: 5,
        selector: (s) => s.toLowerCase(),
      },
    )
    .map((labels) => ({
      type: 'choice' as const,
      options: labels.map((label, i) => ({ value: `v${i}`, label })),
    })),
);

const tableArb = (t: number): fc.Arbitrary<Table> =>
  fc
    .record({
      columns: fc.array(columnArb, { minLength: 1, maxLength: 4 }),
      rows: fc.oneof(
        fc.integer({ min: 1, max: 4 }).map((n) => ({
          kind: 'fixed' as const,
          items: Array.from({ length: n }, (_, i) => ({ key: `r${i}`, label: `Строка ${i + 1}` })),
        })),
        fc.integer({ min: 1, max: 4 }).map((max) => ({ kind: 'dynamic' as const, min: 0, max })),
      ),
    })
    .map(({ columns, rows }) => ({
      key: `t${t}`,
      title: `Таблица ${t + 1}`,
      columns: columns.map((c, i) => ({ ...c, key: `c${i}`, header: `Графа ${i + 1}` }) as Column),
      rows,
    }));

const formArb: fc.Arbitrary<FormDefinition> = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, t) => tableArb(t))))
  .map((tables) => FormDefinitionSchema.parse({ title: 'Форма', tables }));

/** Dynamic rows so far, and stored values over the input cells (some left empty). */
function answersArb(def: FormDefinition, valueArb = storedValue): fc.Arbitrary<Record<string, string>> {
  const parts: fc.Arbitrary<[string, string][]>[] = [];
  for (const table of def.tables) {
    const rowIds =
      table.rows.kind === 'fixed'
        ? fc.constant(table.rows.items.map((r) => r.key))
        : fc
            .integer({ min: 0, max: table.rows.max })
            .map((n) => Array.from({ length: n }, (_, i) => rowIdMadeAt(ROWS_SINCE + i)));
    parts.push(
      rowIds.chain((ids) =>
        fc
          .tuple(
            ...ids.flatMap((row) =>
              table.columns
                .filter((c) => !isComputedCell(table, row, c))
                .map((c) =>
                  fc
                    .option(valueArb(c), { nil: undefined })
                    .map((v) => [cellKey(table.key, row, c.key), v] as const),
                ),
            ),
          )
          .map((cells) => [
            ...(table.rows.kind === 'dynamic'
              ? ids.map((r) => [rowMarkerKey(table.key, r), '1'] as [string, string])
              : []),
            ...cells
              .filter((c): c is readonly [string, string] => c[1] !== undefined)
              .map((c) => [...c] as [string, string]),
          ]),
      ),
    );
  }
  return fc.tuple(...parts).map((p) => Object.fromEntries(p.flat()));
}

// ---- the pure path -----------------------------------------------------------------------------

const asCells = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, version: 1 } as StoredCell]));

async function download(def: FormDefinition, cells: Record<string, StoredCell>) {
  const values = Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.value]));
  const bytes = await formWorkbook({
    organization: { code: '770001', shortName: 'Школа' },
    collectionTitle: 'Сбор',
    responseId: 1,
    formVersionId: 1,
    definition: def,
    data: toFormData(def, values),
    versions: Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.version])),
    downloadId: '00000000-0000-4000-8000-000000000001',
    downloadedAt: new Date('2026-12-01T10:00:00Z'),
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

async function load(def: FormDefinition, cells: Record<string, StoredCell>, book: ExcelJS.Workbook) {
  const file = await readFormFile(Buffer.from(await book.xlsx.writeBuffer()), LIMITS);
  return planUpload({ definition: def, fixedInputs: inputCellMap(def), cells, responseId: 1, file });
}

/** What a person would type over the file: new values for existing cells, and new rows. */
function editArb(def: FormDefinition) {
  return answersArb(def, validValue).map((typed) => typed);
}

/** Sets the file's input cells to `typed` (by key for fixed and existing rows; new rows in order). */
function typeInto(
  book: ExcelJS.Workbook,
  def: FormDefinition,
  existingRows: Record<string, string[]>,
  typed: Record<string, string>,
) {
  const expected: Record<string, string[][]> = {};
  const keys = keyRows(book);
  const at = (sheet: string, address: string) =>
    (book.getWorksheet(sheet) as ExcelJS.Worksheet).getCell(address);
  for (const table of def.tables) {
    const columns = table.columns;
    const rows =
      table.rows.kind === 'fixed'
        ? table.rows.items.map((r) => r.key)
        : Object.keys(typed)
            .filter((k) => k.startsWith(`${table.key}.`) && k.endsWith(`.${ROW_MARKER}`))
            .map((k) => k.split('.')[1] as string);
    const have = existingRows[table.key] ?? [];
    const newSlots = [
      ...new Set(keys.filter((k) => k.table === table.key && k.row.startsWith('new:')).map((k) => k.row)),
    ];
    expected[table.key] = [];
    rows.forEach((row, i) => {
      // In a dynamic table the typed rows fill the file's rows in order: existing ones, then empty ones.
      const fileRow =
        table.rows.kind === 'fixed' ? row : i < have.length ? have[i] : newSlots[i - have.length];
      const line: string[] = [];
      for (const column of columns) {
        const place = keys.find((k) => k.table === table.key && k.row === fileRow && k.column === column.key);
        if (!place) continue;
        const value = typed[cellKey(table.key, row, column.key)] ?? null;
        at(place.sheet, place.address).value = typedInExcel(column, value);
        line.push(value ?? '');
      }
      expected[table.key]?.push(line);
    });
    // Existing rows beyond the typed ones are emptied.
    for (const row of have.slice(rows.length)) {
      const line: string[] = [];
      for (const k of keys.filter((k) => k.table === table.key && k.row === row)) {
        at(k.sheet, k.address).value = null;
        line.push('');
      }
      expected[table.key]?.push(line);
    }
  }
  return expected;
}

/** The response's tables as rows of values, in the table's order of rows and columns. */
function tablesOf(def: FormDefinition, cells: Record<string, StoredCell>) {
  const data = toFormData(def, Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.value])));
  const out: Record<string, string[][]> = {};
  for (const table of def.tables) {
    const rows =
      table.rows.kind === 'fixed' ? table.rows.items.map((r) => r.key) : (data.rows[table.key] ?? []);
    out[table.key] = rows.map((row) =>
      table.columns
        .filter((c) => !isComputedCell(table, row, c))
        .map((c) => data.values[cellKey(table.key, row, c.key)] ?? ''),
    );
  }
  return out;
}

function applyPlan(cells: Record<string, StoredCell>, plan: Awaited<ReturnType<typeof load>>) {
  const after = { ...cells };
  for (const c of plan.changes) after[c.cell] = { value: c.value, version: c.base + 1 };
  return after;
}

const forms = fc.oneof(fc.constant(DEMO), formArb);

describe('the form through Excel and back (property)', () => {
  it('loads a downloaded file back with no change, whatever the answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        forms.chain((def) => fc.tuple(fc.constant(def), answersArb(def))),
        async ([def, answers]) => {
          const cells = asCells(answers);
          const plan = await load(def, cells, await download(def, cells));
          expect(plan.changes).toEqual([]);
          expect(plan.conflicts).toEqual([]);
          expect(plan.unreadable).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('gives the response the values typed into the file', async () => {
    await fc.assert(
      fc.asyncProperty(
        forms.chain((def) => fc.tuple(fc.constant(def), answersArb(def), editArb(def))),
        async ([def, answers, typed]) => {
          const cells = asCells(answers);
          const book = await download(def, cells);
          const existing = toFormData(def, answers).rows;
          const expected = typeInto(book, def, existing, typed);
          const plan = await load(def, cells, book);
          expect(plan.conflicts).toEqual([]);
          expect(plan.unreadable).toEqual([]);
          const after = tablesOf(def, applyPlan(cells, plan));
          // Rows emptied in the file stay as empty rows: a row is removed in the portal only.
          for (const [t, rows] of Object.entries(expected)) {
            const filled = (r: string[]) => r.some((v) => v !== '');
            expect((after[t] ?? []).filter(filled), t).toEqual(rows.filter(filled));
          }
          // And loading the same file again changes nothing more.
          const again = await load(def, applyPlan(cells, plan), book);
          expect(again.changes).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });
});

// ---- over HTTP ---------------------------------------------------------------------------------

describe('the demo form through Excel and back over HTTP (property)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterAll(() => server.close());

  async function save(c: Client, id: number, values: Record<string, string | null>) {
    const cells = (await c.get(`/api/responses/${id}`)).body.cells as Record<string, StoredCell>;
    const changes = Object.entries(values)
      .filter(([k, v]) => (cells[k]?.value ?? null) !== v)
      .map(([cell, value]) => ({ id: crypto.randomUUID(), cell, value, base: cells[cell]?.version ?? 0 }));
    for (let i = 0; i < changes.length; i += 200) {
      const res = await c.post(`/api/responses/${id}/changes`, { changes: changes.slice(i, i + 200) });
      expect(res.status, res.text).toBe(200);
    }
  }

  it('loads back with 0 changes after random answers, and applies random values typed into the file', async () => {
    const school = await server.client().login('sch500001');
    const id = (
      (await school.get('/api/niko/data-collection')).body.rows as { open: boolean; responseId: number }[]
    ).find((b) => b.open)?.responseId as number;
    const fixed = [...inputCellMap(DEMO).keys()];
    const fixedOnly = (a: Record<string, string>) =>
      Object.fromEntries(Object.entries(a).filter(([k]) => fixed.includes(k)));
    await fc.assert(
      fc.asyncProperty(answersArb(DEMO), answersArb(DEMO, validValue), async (answers, typed) => {
        // Random answers over the fixed cells (the rest emptied), saved through autosave.
        await save(school, id, Object.fromEntries(fixed.map((k) => [k, fixedOnly(answers)[k] ?? null])));
        const book = await downloadForm(school, id);
        const untouched = await sendForm(school, id, 'preview', await bytesOf(book));
        expect(untouched.body).toMatchObject({ changeCount: 0, conflicts: [], errors: [] });

        const wanted = fixedOnly(typed);
        for (const key of fixed) {
          const place = keyRows(book).find((k) => k.key === key);
          const column = inputCellMap(DEMO).get(key)?.column as Column;
          if (!place) throw new Error(`no ${key} in ${KEYS_SHEET}`);
          (book.getWorksheet(place.sheet) as ExcelJS.Worksheet).getCell(place.address).value = typedInExcel(
            column,
            wanted[key] ?? null,
          );
        }
        const applied = await sendForm(school, id, 'apply', await bytesOf(book));
        expect(applied.status, applied.text).toBe(200);
        expect(applied.body.conflicts).toEqual([]);
        const cells = (await school.get(`/api/responses/${id}`)).body.cells as Record<string, StoredCell>;
        const now = Object.fromEntries(fixed.map((k) => [k, cells[k]?.value ?? null]));
        expect(now).toEqual(Object.fromEntries(fixed.map((k) => [k, wanted[k] ?? null])));
      }),
      { numRuns: 3 },
    );
  });
});
