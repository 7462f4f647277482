// The federal operator's «Скачать форму в Excel» from a form version's preview: the same workbook
// as an organization's, empty, naming the form and its version instead of an organization, its key
// sheet carrying the form version and no participant. Read back with ExcelJS; and who may have it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NIKO_CONTEXT_FORM } from '../src/server/demo/niko-form.js';
import { KEYS_SHEET } from '../src/server/excel/form-workbook.js';
import type { Client } from './support/client.js';
import { openDemoCollection } from './support/demo.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let formVersionId: number;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
  formVersionId = (await openDemoCollection(server.database.db)).formVersionId;
});
afterAll(() => server.close());

async function download(c: Client, versionId: number) {
  const res = await fetch(`${c.baseUrl}/api/form-versions/${versionId}/template.xlsx`, {
    headers: { cookie: `niko_session=${c.cookie('niko_session')}` },
  });
  const workbook = new ExcelJS.Workbook();
  if (res.status === 200) await workbook.xlsx.load(await res.arrayBuffer());
  return { res, workbook };
}

describe('the empty template of a form version', () => {
  it('holds a sheet per table headed with the form and version, empty unlocked inputs, and a key sheet without a participant', async () => {
    const admin = await server.client().login('admin');
    const version = (await admin.get(`/api/form-versions/${formVersionId}`)).body;
    const { res, workbook } = await download(admin, formVersionId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    expect(decodeURIComponent(res.headers.get('content-disposition')?.split("UTF-8''")[1] ?? '')).toBe(
      `Шаблон ${version.formTitle}, версия ${version.version}.xlsx`,
    );

    const visible = workbook.worksheets.filter((s) => s.state === 'visible');
    expect(visible.map((s) => s.getCell('A3').value)).toEqual(NIKO_CONTEXT_FORM.tables.map((t) => t.title));
    for (const [i, sheet] of visible.entries()) {
      expect(sheet.getCell('A1').value).toBe(`Форма: ${version.formTitle}, версия ${version.version}`);
      expect(String(sheet.getCell('A2').value)).toBe('Пустой шаблон формы: организация не указана');
      const table = NIKO_CONTEXT_FORM.tables[i];
      const headers = (sheet.getRow(5).values as unknown[]).slice(2);
      expect(headers).toEqual(table?.columns.map((c) => c.header));
    }
    // No organization anywhere: the first lines name none, and no cell says «Организация:».
    for (const sheet of visible) {
      sheet.eachRow((row) => {
        for (const v of (row.values as unknown[]).slice(1))
          expect(String(v ?? '')).not.toMatch(/^Организация:/);
      });
    }

    const keys = workbook.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet;
    expect(keys.state).toBe('veryHidden');
    expect(keys.getCell('A1').value).toBe('responseId');
    expect(keys.getCell('B1').value).toBeNull();
    expect(keys.getCell('C1').value).toBe('formVersionId');
    expect(keys.getCell('D1').value).toBe(formVersionId);
    const mapped: { sheet: string; address: string; key: string }[] = [];
    keys.eachRow((row, n) => {
      if (n <= 2) return;
      const [sheet, address, key] = (row.values as unknown[]).slice(1) as string[];
      mapped.push({ sheet: sheet as string, address: address as string, key: key ?? '' });
    });
    expect(mapped.length).toBeGreaterThan(0);
    // Every input cell is empty and unlocked, and the fixed ones carry their form key.
    for (const m of mapped) {
      const cell = (workbook.getWorksheet(m.sheet) as ExcelJS.Worksheet).getCell(m.address);
      expect(cell.value, m.address).toBeNull();
      expect(cell.protection?.locked, m.address).toBe(false);
    }
    expect(mapped.some((m) => m.key === 'pupils.g1.boys')).toBe(true);
    // Totals are still formulas, so the operator sees them add up when trying the template.
    const pupils = visible[0] as ExcelJS.Worksheet;
    const total = (pupils.getColumn(1).values as unknown[]).indexOf('Итого 1–4 классы');
    expect(pupils.getCell(total, 2).formula).toMatch(/^SUM\(/);
  });

  it('is the federal operator’s alone: not found for coordinators, schools and unknown versions; 401 signed out', async () => {
    for (const login of ['reg77', 'mun77001', 'sch770001']) {
      const { res } = await download(await server.client().login(login), formVersionId);
      expect(res.status, login).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const admin = await server.client().login('admin');
    const missing = await admin.get('/api/form-versions/999999/template.xlsx');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('Версия формы не найдена.');
    const bad = await admin.get('/api/form-versions/abc/template.xlsx');
    expect(bad.status).toBe(400);
    expect((await fetch(`${server.url}/api/form-versions/${formVersionId}/template.xlsx`)).status).toBe(401);
  });
});
