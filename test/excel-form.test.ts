// «Скачать форму в Excel»: the organization's form as a workbook with its current values. Read back
// with ExcelJS: a sheet per table headed as in the portal, the values where the key map says,
// input cells unlocked with Excel's validation, totals as formulas, the rest protected; and who
// may download it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NIKO_CONTEXT_FORM } from '../src/server/demo/niko-form.js';
import { KEYS_SHEET } from '../src/server/excel/form-workbook.js';
import type { Client } from './support/client.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

async function download(c: Client, responseId: number) {
  const res = await fetch(`${c.baseUrl}/api/responses/${responseId}/form.xlsx`, {
    headers: { cookie: `niko_session=${c.cookie('niko_session')}` },
  });
  const workbook = new ExcelJS.Workbook();
  if (res.status === 200) await workbook.xlsx.load(await res.arrayBuffer());
  return { res, workbook };
}

async function openResponseOf(c: Client): Promise<number> {
  const blocks = (await c.get('/api/niko/data-collection')).body.rows;
  return blocks.find((b: { open: boolean }) => b.open).responseId;
}

/** The key map of the hidden sheet: form key → "sheet!cell". */
function keyMap(workbook: ExcelJS.Workbook) {
  const sheet = workbook.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet;
  const map = new Map<string, { sheet: string; address: string }>();
  sheet.eachRow((row, n) => {
    if (n <= 2) return;
    const [sheetName, address, key] = (row.values as unknown[]).slice(1) as string[];
    if (key) map.set(key, { sheet: sheetName as string, address: address as string });
  });
  return { sheet, map };
}

describe('the form as an Excel file', () => {
  it('holds a sheet per table with the current values, validation on inputs, formulas for totals, protection elsewhere', async () => {
    const school = await server.client().login('sch770002');
    const responseId = await openResponseOf(school);
    const cells = (await school.get(`/api/responses/${responseId}`)).body.cells;
    const change = (n: number, cell: string, value: string) => ({
      id: `60000000-0000-4000-8000-00000000000${n}`,
      cell,
      value,
      base: cells[cell]?.version ?? 0,
    });
    const saved = await school.post(`/api/responses/${responseId}/changes`, {
      changes: [
        change(1, 'pupils.g1.boys', '17'),
        change(2, 'pupils.g2.boys', '5'),
        change(3, 'school.info.settlement', 'rural'),
      ],
    });
    expect(saved.status, saved.text).toBe(200);

    const { res, workbook } = await download(school, responseId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(decodeURIComponent(res.headers.get('content-disposition')?.split("UTF-8''")[1] ?? '')).toMatch(
      /^Форма 770002 .+\.xlsx$/,
    );
    const visible = workbook.worksheets.filter((s) => s.state === 'visible');
    expect(visible.map((s) => s.getCell('A3').value)).toEqual(NIKO_CONTEXT_FORM.tables.map((t) => t.title));
    const pupils = visible[0] as ExcelJS.Worksheet;
    expect(String(pupils.getCell('A1').value)).toMatch(/^Организация: .+ \(код 770002\)$/);
    expect(String(pupils.getCell('A2').value)).toMatch(/^Сбор данных: /);
    expect(pupils.getRow(5).getCell(2).value).toBe(NIKO_CONTEXT_FORM.tables[0]?.columns[0]?.header);

    const { sheet: keys, map } = keyMap(workbook);
    expect(keys.state).toBe('veryHidden');
    const at = (key: string) => {
      const place = map.get(key);
      expect(place, key).toBeDefined();
      return (workbook.getWorksheet(place?.sheet) as ExcelJS.Worksheet).getCell(place?.address as string);
    };
    const boys1 = at('pupils.g1.boys');
    expect(boys1.value).toBe(17);
    expect(boys1.protection?.locked).toBe(false);
    expect(boys1.dataValidation).toMatchObject({ type: 'whole', operator: 'between' });
    expect(at('school.info.settlement').value).toBe('Сельская местность');
    expect(at('school.info.settlement').dataValidation).toMatchObject({ type: 'list' });
    // Every fixed input cell of the form is mapped; a total is not (it is a formula, locked).
    expect(map.has('pupils.primary.boys')).toBe(false);
    const primaryRow = (pupils.getColumn(1).values as unknown[]).indexOf('Итого 1–4 классы');
    const primaryBoys = pupils.getCell(primaryRow, boys1.col);
    expect(primaryBoys.formula).toMatch(/^SUM\(/);
    expect(primaryBoys.protection?.locked).not.toBe(false);
    // The sheets are protected, without a password.
    // ExcelJS reads the protection back but does not type it.
    const protection = (pupils as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true });
    expect(protection?.hashValue ?? protection?.password).toBeFalsy();
  });

  it('gives a dynamic table as many rows as its maximum, the ones so far filled in', async () => {
    const school = await server.client().login('sch770002');
    const { workbook } = await download(school, await openResponseOf(school));
    const classes = NIKO_CONTEXT_FORM.tables.find((t) => t.key === 'classes');
    const sheet = workbook.worksheets.find(
      (s) => s.getCell('A3').value === classes?.title,
    ) as ExcelJS.Worksheet;
    const max = classes?.rows.kind === 'dynamic' ? (classes.rows.max ?? 100) : 0;
    expect(sheet.getCell(5 + max, 1).value).toBe(String(max));
    expect(sheet.getCell(5 + max, 2).protection?.locked).toBe(false);
  });

  it('goes to whoever may read the participant, and is not found for others', async () => {
    const school = await server.client().login('sch770002');
    const responseId = await openResponseOf(school);
    expect((await download(await server.client().login('reg77'), responseId)).res.status).toBe(200);
    for (const login of ['sch770001', 'reg50', 'mun77003']) {
      const { res } = await download(await server.client().login(login), responseId);
      expect(res.status, login).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await fetch(`${server.url}/api/responses/${responseId}/form.xlsx`)).status).toBe(401);
  });
});
