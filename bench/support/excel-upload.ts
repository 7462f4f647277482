// «Загрузить из Excel» for bench/excel.ts: a school downloads its filled-in demo form, changes every
// number in it and adds a class row «in Excel» (ExcelJS, by the key sheet), then asks for the
// preview and applies it. Each round starts from a fresh download, so that every file is current.
// Measured per request: the latency from the client and the server process's CPU (/proc).
import ExcelJS from 'exceljs';
import { KEYS_SHEET } from '../../src/server/excel/form-workbook.js';
import { download, type Session } from './http.js';
import { cpuSeconds } from './proc.js';
import { Latencies } from './stats.js';

type Upload = { status: number; ms: number; cpuMs: number; body: Record<string, unknown> };

async function send(
  baseUrl: string,
  path: string,
  session: Session,
  bytes: Buffer,
  pid: number,
): Promise<Upload> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), 'Форма.xlsx');
  const { 'content-type': _json, ...headers } = session.headers;
  const cpu0 = cpuSeconds(pid);
  const t = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: form });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, ms: performance.now() - t, cpuMs: (cpuSeconds(pid) - cpu0) * 1000, body };
}

/** Every number in the file one more, and the first empty class row filled: what a school might send. */
async function edited(bytes: Buffer): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
  const keys = book.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet;
  let newRow = '';
  keys.eachRow((row, n) => {
    if (n <= 2) return;
    const [sheet, address, , table, rowId, column] = (row.values as unknown[])
      .slice(1)
      .map((v) => String(v ?? ''));
    const cell = (book.getWorksheet(sheet) as ExcelJS.Worksheet).getCell(address as string);
    if (typeof cell.value === 'number' && column !== 'year') cell.value += 1;
    if (table === 'classes' && rowId?.startsWith('new:') && (newRow === '' || newRow === rowId)) {
      newRow = rowId;
      const values: Record<string, ExcelJS.CellValue> = {
        grade: '9 класс',
        letter: 'Я',
        pupils: 25,
        teacher: 'Орлова Ирина Сергеевна',
        date: new Date(Date.UTC(2026, 3, 21)),
      };
      cell.value = values[column as string] ?? null;
    }
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function benchUpload(opts: {
  baseUrl: string;
  school: Session;
  responseId: number;
  serverPid: number;
  rounds: number;
  log: (line: string) => void;
}) {
  const { baseUrl, school, responseId, serverPid } = opts;
  const base = `/api/responses/${responseId}`;
  const preview = new Latencies();
  const apply = new Latencies();
  let previewCpu = 0;
  let applyCpu = 0;
  let changes = 0;
  for (let i = 0; i < opts.rounds; i++) {
    const file = await download(baseUrl, `${base}/form.xlsx`, school);
    const bytes = await edited(file.bytes);
    const p = await send(baseUrl, `${base}/excel-upload/preview`, school, bytes, serverPid);
    if (p.status !== 200) throw new Error(`preview: ${p.status} ${JSON.stringify(p.body)}`);
    const a = await send(baseUrl, `${base}/excel-upload/apply`, school, bytes, serverPid);
    if (a.status !== 200) throw new Error(`apply: ${a.status} ${JSON.stringify(a.body)}`);
    if (a.body.applied !== p.body.changeCount)
      throw new Error(`applied ${a.body.applied} of ${p.body.changeCount}`);
    changes = Number(p.body.changeCount);
    preview.add(p.ms);
    apply.add(a.ms);
    previewCpu += p.cpuMs;
    applyCpu += a.cpuMs;
  }
  return {
    changes,
    preview: preview.summary(),
    apply: apply.summary(),
    previewCpuMs: previewCpu / opts.rounds,
    applyCpuMs: applyCpu / opts.rounds,
  };
}
