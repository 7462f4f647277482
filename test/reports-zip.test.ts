// «Скачать ZIP выбранных»: the reports a coordinator chose, as a zip with one PDF a participant,
// named by the organization's code and short name, safe for Windows. Unpacked with fflate, each PDF
// read back with PDF.js; the refusals (out of scope, too many) leak nothing and audit nothing.
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAnswers } from '../src/server/demo/niko-answers.js';
import type { ReportPdf } from '../src/server/reports/report-pdf.js';
import { reportZip, windowsFileName } from '../src/server/reports/report-zip.js';
import type { Client } from './support/client.js';
import { openDemoCollectionId } from './support/demo.js';
import { readPdf } from './support/pdf.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let collectionId: number;
let zipPath: string;
type Chosen = { id: number; login: string; code: string; fullName: string; shortName: string };
let chosen: Chosen[];

let seq = 0;
const uuid = () => `51000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

async function submit(school: Client, responseId: number, answers: Record<string, string>) {
  const changes = Object.entries(answers).map(([cell, value]) => ({ id: uuid(), cell, value, base: 0 }));
  expect((await school.post(`/api/responses/${responseId}/changes`, { changes })).status).toBe(200);
  const res = await school.post(`/api/responses/${responseId}/submit`);
  expect(res.status, res.text).toBe(200);
}

/** Participants of the open collection in Moscow that have not started, with a login each. */
function notStartedInMoscow(n: number) {
  return server.database.db
    .selectFrom('responses as resp')
    .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
    .innerJoin('users as u', 'u.organization_id', 'o.id')
    .select(['resp.id', 'u.login', 'o.code', 'o.full_name as fullName', 'o.short_name as shortName'])
    .where('resp.collection_id', '=', collectionId)
    .where('resp.region_code', '=', '77')
    .where('resp.status', '=', 'not_started')
    .orderBy('resp.id', 'desc')
    .limit(n)
    .execute();
}

const auditedFor = async (ids: number[]) =>
  (
    await server.database.db
      .selectFrom('audit_log')
      .select(['object_id', 'details'])
      .where('action', '=', 'report.downloaded')
      .where(
        'object_id',
        'in',
        ids.map((id) => String(id)),
      )
      .execute()
  ).map((r) => ({ id: Number(r.object_id), format: (r.details as { format?: string } | null)?.format }));

async function downloadZip(c: Client, query: string) {
  const res = await fetch(`${c.baseUrl}${zipPath}?${query}`, {
    headers: { cookie: `niko_session=${c.cookie('niko_session')}` },
  });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  collectionId = await openDemoCollectionId(server.database.db);
  zipPath = `/api/monitoring/collections/${collectionId}/reports.zip`;
  chosen = await notStartedInMoscow(3);
  expect(chosen).toHaveLength(3);
  for (const [i, p] of chosen.slice(0, 2).entries()) {
    await submit(await server.client().login(p.login), p.id, demoAnswers(30 + i, '2026-11-29'));
  }
});
afterAll(() => server.close());

describe('the zip of the reports a coordinator chose', () => {
  it('holds one PDF per submitted participant, named by its code and name, and a PDF naming those with nothing submitted', async () => {
    const reg = await server.client().login('reg77');
    const { res, bytes } = await downloadZip(reg, `responses=${chosen.map((p) => p.id).join(',')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(decodeURIComponent(res.headers.get('content-disposition')?.split("UTF-8''")[1] ?? '')).toMatch(
      /^Отчеты .+ \(2\)\.zip$/,
    );
    const entries = unzipSync(bytes);
    const names = Object.keys(entries).sort();
    const expected = chosen.slice(0, 2).map((p) => windowsFileName(`${p.code} ${p.shortName}`, 'pdf'));
    expect(names).toEqual([...expected, 'Не сдали отчет.pdf'].sort());
    for (const [i, p] of chosen.slice(0, 2).entries()) {
      const bytesOf = entries[expected[i] as string] as Uint8Array;
      expect(new TextDecoder().decode(bytesOf.subarray(0, 5))).toBe('%PDF-');
      const pdf = await readPdf(bytesOf);
      expect(pdf.text).toContain('Отчет о сдаче данных');
      expect(pdf.text).toContain(p.fullName);
      expect(pdf.text).toContain(p.code);
      // Only its own organization: the other chosen school is not in this file.
      const other = chosen[1 - i] as Chosen;
      expect(pdf.text).not.toContain(other.fullName);
      const n = pdf.pages.length;
      expect(pdf.pages[n - 1]).toContain(`Стр. ${n} из ${n}`);
    }
    const list = await readPdf(entries['Не сдали отчет.pdf'] as Uint8Array);
    expect(list.text).toContain('Не сдали отчет, в файл не включены:');
    expect(list.text).toContain(`${chosen[2]?.code} — ${chosen[2]?.fullName}`);
    expect((await auditedFor(chosen.map((p) => p.id))).filter((a) => a.format === 'zip')).toEqual(
      expect.arrayContaining(chosen.slice(0, 2).map((p) => ({ id: p.id, format: 'zip' }))),
    );
  });

  it('is refused whole when any chosen participant is out of scope or of another collection: nothing sent, nothing audited', async () => {
    const outside = await server.database.db
      .selectFrom('responses')
      .select('id')
      .where('collection_id', '=', collectionId)
      .where('region_code', '!=', '77')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const ids = [...chosen.map((p) => p.id), outside.id];
    const before = await auditedFor(ids);
    const reg = await server.client().login('reg77');
    for (const query of [`responses=${chosen[0]?.id},${outside.id}`, `responses=${outside.id}`]) {
      const { res, bytes } = await downloadZip(reg, query);
      expect(res.status, query).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = JSON.parse(new TextDecoder().decode(bytes));
      expect(body.detail).toMatch(/[А-Яа-яЁё]/);
      expect(JSON.stringify(body)).not.toContain(chosen[0]?.fullName as string);
    }
    const mun = await server.client().login('mun77001');
    const otherCollection = await mun.get(
      `/api/monitoring/collections/${collectionId + 100000}/reports.zip?responses=${chosen[0]?.id}`,
    );
    expect(otherCollection.status).toBe(404);
    const school = await server.client().login(chosen[0]?.login as string);
    expect((await school.get(`${zipPath}?responses=${chosen[0]?.id}`)).status).toBe(404);
    expect((await fetch(`${server.url}${zipPath}?responses=${chosen[0]?.id}`)).status).toBe(401);
    expect(await auditedFor(ids)).toEqual(before);
  });

  it('refuses a list it cannot read, or more than 100, with a Russian message; none submitted is 409', async () => {
    const reg = await server.client().login('reg77');
    const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    for (const [query, message] of [
      ['responses=abc', 'Укажите номера участников через запятую.'],
      ['responses=', 'Укажите номера участников через запятую.'],
      [`responses=${tooMany}`, 'Не больше 100 отчетов в одном файле.'],
    ] as const) {
      const res = await reg.get(`${zipPath}?${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body), query).toContain(message);
    }
    const none = await reg.get(`${zipPath}?responses=${chosen[2]?.id}`);
    expect(none.status).toBe(409);
    expect(none.body.detail).toBe('Ни один из выбранных участников ещё не сдал отчёт: печатать пока нечего.');
  });
});

describe('file names in the zip', () => {
  it('are safe for Windows: no forbidden characters, no device names, no trailing dots, not too long', () => {
    expect(windowsFileName('770001 ГБОУ Школа № 1001', 'pdf')).toBe('770001 ГБОУ Школа № 1001.pdf');
    expect(windowsFileName('770002 «Лицей»: 1/2 * ? <a> | "б"', 'pdf')).toBe(
      '770002 «Лицей»_ 1_2 _ _ _a_ _ _б_.pdf',
    );
    expect(windowsFileName('CON', 'pdf')).toBe('_CON.pdf');
    expect(windowsFileName('lpt1', 'pdf')).toBe('_lpt1.pdf');
    expect(windowsFileName('Школа...  ', 'pdf')).toBe('Школа.pdf');
    expect(windowsFileName('\u0000\t', 'pdf')).toBe('__.pdf');
    expect(windowsFileName('   ', 'pdf')).toBe('_.pdf');
    const long = windowsFileName(`770003 ${'Ш'.repeat(300)}`, 'pdf');
    expect([...long].length).toBe(104);
  });
});

describe('the zip as it streams', () => {
  // The first two come out with the same name.
  const parts = Array.from({ length: 20 }, (_, i) => ({
    name: i < 2 ? '770000 Школа' : `77000${i} Школа`,
    draw: (pdf: ReportPdf) => pdf.addNotSubmitted(`Часть ${i}`, [{ code: String(i), fullName: 'Школа' }]),
  }));

  it('holds every part when read to the end, names made unique', async () => {
    const { stream, drawn } = reportZip(parts);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(await drawn).toBe(20);
    const names = Object.keys(unzipSync(new Uint8Array(Buffer.concat(chunks))));
    expect(names).toHaveLength(20);
    expect(names).toEqual(expect.arrayContaining(['770000 Школа.pdf', '770000 Школа (2).pdf']));
  });

  it('stops drawing once the reader has gone away', async () => {
    const { stream, drawn } = reportZip(parts);
    stream.once('data', () => stream.destroy());
    expect(await drawn).toBeLessThan(20);
  });
});
