// «Загрузить отчет» as a spreadsheet shows it: each column as wide as its longest text (within a
// cap, so one very long name does not push the rest off the screen), the header row wrapped, and
// the panes frozen. Read back from the file's <cols> with ExcelJS.
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDTH_CAP } from '../src/server/exports/columns.js';
import type { Client } from './support/client.js';
import { openDemoCollectionId } from './support/demo.js';
import { downloadExport, exportAndWait, rowsOf } from './support/exports.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let collectionId: number;
let admin: Client;
const LONG_NAME = `ГБОУ ${'Очень длинное название образовательной организации '.repeat(3).trim()}`;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  collectionId = await openDemoCollectionId(server.database.db);
  admin = await server.client().login('admin');
});
afterAll(() => server.close());

async function exportedWorkbook(c: Client) {
  const job = await exportAndWait(c, collectionId);
  expect(job.status).toBe('done');
  const { res, workbook } = await downloadExport(c, job.id);
  expect(res.status).toBe(200);
  return workbook;
}

/** The longest text in each of the first `n` columns of a sheet's data rows. */
function longestTexts(sheet: ExcelJS.Worksheet, n: number): number[] {
  const rows = rowsOf(sheet).slice(1);
  return Array.from({ length: n }, (_, i) =>
    Math.max(0, ...rows.map((r) => (r[i] === null || r[i] === undefined ? 0 : String(r[i]).length))),
  );
}

describe('export column widths', () => {
  it('fit the longest text of every organization column, with the header wrapped and panes frozen', async () => {
    const reg = await server.client().login('reg77');
    const workbook = await exportedWorkbook(reg);
    const main = workbook.getWorksheet('Результаты') as ExcelJS.Worksheet;
    const longest = longestTexts(main, 7);
    // The demo's names and dates are longer than Excel's default width of 8.43 characters.
    expect(longest[3]).toBeGreaterThan(9);
    for (const [i, chars] of longest.entries()) {
      const width = main.getColumn(i + 1).width as number;
      expect(width, `column ${i + 1}`).toBeGreaterThanOrEqual(Math.min(chars, WIDTH_CAP));
      expect(width, `column ${i + 1}`).toBeLessThanOrEqual(WIDTH_CAP);
    }
    // Every question column has a width too, and its header wraps instead of running on.
    const header = main.getRow(1);
    for (let c = 1; c <= header.cellCount; c++) {
      expect(main.getColumn(c).width, `column ${c}`).toBeGreaterThan(0);
      expect(header.getCell(c).alignment?.wrapText, `column ${c}`).toBe(true);
    }
    expect(main.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 1 });
    // A sheet of a table whose rows the organization adds: the same organization columns.
    const dynamic = workbook.worksheets[1] as ExcelJS.Worksheet;
    expect(dynamic.getColumn(4).width).toBe(main.getColumn(4).width);
    expect(dynamic.views[0]).toMatchObject({ state: 'frozen', xSplit: 5, ySplit: 1 });
  });

  it('stop at the cap for a very long name, which the cell still holds whole', async () => {
    const org = await server.database.db
      .selectFrom('organizations')
      .innerJoin('responses', 'responses.organization_id', 'organizations.id')
      .select(['organizations.id', 'organizations.code'])
      .where('responses.collection_id', '=', collectionId)
      .where('responses.region_code', '=', '77')
      .orderBy('organizations.id')
      .executeTakeFirstOrThrow();
    const patched = await admin.patch(`/api/organizations/${org.id}`, { shortName: LONG_NAME });
    expect(patched.status, patched.text).toBe(200);
    expect(LONG_NAME.length).toBeGreaterThan(WIDTH_CAP);

    const workbook = await exportedWorkbook(admin);
    const main = workbook.getWorksheet('Результаты') as ExcelJS.Worksheet;
    expect(main.getColumn(4).width).toBe(WIDTH_CAP);
    const row = rowsOf(main).find((r) => String(r[2]) === org.code) as unknown[];
    expect(row[3]).toBe(LONG_NAME);
  });
});
