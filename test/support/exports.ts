// «Экспорт результатов» for tests: ask for a collection's export, poll the job until it is done
// (a generous deadline, no fixed sleep), download it and read its sheets with ExcelJS.
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Client } from './client.js';
import { waitFor } from './wait.js';

export async function exportAndWait(c: Client, collectionId: number, body: object = {}) {
  const asked = await c.post(`/api/monitoring/collections/${collectionId}/exports`, body);
  expect(asked.status).toBe(202);
  expect(asked.body.status).toBe('queued');
  let job: any;
  await waitFor(
    async () => {
      job = (await c.get(`/api/exports/${asked.body.id}`)).body;
      return job.status === 'done' || job.status === 'failed';
    },
    'the export to finish',
    60_000,
  );
  return job;
}

export async function downloadExport(c: Client, jobId: number) {
  const res = await fetch(`${c.baseUrl}/api/exports/${jobId}/download`, {
    headers: { cookie: `niko_session=${c.cookie('niko_session')}` },
  });
  const workbook = new ExcelJS.Workbook();
  if (res.ok) await workbook.xlsx.load(await res.arrayBuffer());
  return { res, workbook };
}

export function rowsOf(sheet: ExcelJS.Worksheet) {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** The organization codes (third column) of an export's «Результаты» sheet. */
export async function exportedCodes(c: Client, collectionId: number) {
  const job = await exportAndWait(c, collectionId);
  expect(job.status).toBe('done');
  const { res, workbook } = await downloadExport(c, job.id);
  expect(res.status).toBe(200);
  const rows = rowsOf(workbook.getWorksheet('Результаты') as ExcelJS.Worksheet);
  return new Set(rows.slice(1).map((r) => String(r[2])));
}
