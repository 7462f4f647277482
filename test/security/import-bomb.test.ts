// An XLSX is a ZIP archive: a small upload may unpack to hundreds of megabytes (a "zip bomb").
// The import reads the archive's directory and streams every part before the workbook is loaded,
// and refuses a file whose unpacked size, compression ratio, rows or cells are over the limits
// (413, a Russian message, nothing imported, the refusal audited). The limits are small here.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, ORG_COLUMNS, XLSX_TYPE, xlsx } from '../import/files.js';
import { handMadeXlsx, sheetXml } from '../import/zip.js';
import type { Client } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const MiB = 1024 * 1024;
const LIMITS = { unpackedBytes: 4 * MiB, compressionRatio: 100, rows: 300, cells: 3000 };

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer({ demo: true, startWorkers: false, config: { importLimits: LIMITS } });
  admin = await server.client().login('admin');
});
afterAll(() => server?.close());

const orgRow = (code: string, fullName = `Школа ${code}`) => [
  code,
  `Школа ${code}`,
  fullName,
  'школа',
  '77',
  '77001',
];

function importOrgs(content: Uint8Array<ArrayBuffer> | string, name = 'bomb.xlsx') {
  const type = name.endsWith('.xlsx') ? XLSX_TYPE : 'text/csv';
  return admin.upload('/api/import/organizations', { name, content, type });
}

async function organizations() {
  const r = await server.database.db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function expectRefused(
  status: 413 | 422,
  content: Uint8Array<ArrayBuffer> | string,
  message: RegExp,
  name?: string,
) {
  const before = await organizations();
  const res = await importOrgs(content, name);
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, applied: false, created: 0, updated: 0 });
  expect(res.body.detail).toMatch(message);
  expect(res.body.refused).toEqual([
    { row: 1, errors: [{ column: '', message: expect.stringMatching(message) }] },
  ]);
  expect(await organizations()).toBe(before);
  const audit = await server.database.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'directory.import_refused')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  expect(audit.details).toMatchObject({ fileErrors: [expect.stringMatching(message)] });
}

const RATIO = /^Книга Excel сжата необычно сильно/;
const UNPACKED = /^Книга Excel в распакованном виде больше 4 МБ/;

describe('an XLSX that unpacks to too much', () => {
  it('refuses a part compressed far more than real tables are (one cell of 3 MB of one letter)', async () => {
    const bomb = await xlsx([ORG_COLUMNS, orgRow('770901', 'ж'.repeat(1_500_000))]);
    expect(bomb.length).toBeLessThan(50_000);
    await expectRefused(413, bomb, RATIO);
  });

  it('refuses a workbook bigger than the limit once unpacked, however well or badly it compresses', async () => {
    // Random text hardly compresses: the ratio is fine, the size is not.
    const rows = Array.from({ length: 150 }, (_, i) =>
      orgRow(String(770900 + i), randomBytes(25_000).toString('base64')),
    );
    await expectRefused(413, await xlsx([ORG_COLUMNS, ...rows]), UNPACKED);
  });

  it('refuses, as damaged, an archive whose headers understate what a part unpacks to, at its first bytes', async () => {
    const sheet = sheetXml([ORG_COLUMNS, orgRow('770902', 'x'.repeat(6 * MiB))]);
    const forged = handMadeXlsx({ data: sheet, declaredSize: 2000 });
    expect(forged.length).toBeLessThan(50_000);
    await expectRefused(422, forged, /^Не удалось прочитать книгу Excel: файл повреждён/);
  });

  it('refuses more rows or cells than allowed, counted while streaming, for CSV the same rows limit', async () => {
    const rows = Array.from({ length: LIMITS.rows + 1 }, (_, i) => orgRow(String(770000 + i)));
    const tooManyRows = /^В файле больше 300 строк: разделите его на несколько файлов/;
    await expectRefused(413, await xlsx([ORG_COLUMNS, ...rows]), tooManyRows);
    await expectRefused(413, csv([ORG_COLUMNS, ...rows]), tooManyRows, 'orgs.csv');

    const wide = Array.from({ length: 200 }, (_, i) => [
      ...orgRow(String(770000 + i)),
      ...Array(10).fill('заметка'),
    ]);
    await expectRefused(
      413,
      await xlsx([[...ORG_COLUMNS, ...Array(10).fill('note')], ...wide]),
      /^В книге Excel больше 3\s000 ячеек/,
    );
  });

  it('still imports a file within the limits, hand-made or written by Excel’s peers', async () => {
    const handMade = handMadeXlsx({ data: sheetXml([ORG_COLUMNS, orgRow('770903')]) });
    const res = await importOrgs(handMade);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, created: 1 });
    const written = await importOrgs(
      await xlsx([ORG_COLUMNS, ...Array.from({ length: 20 }, (_, i) => orgRow(String(770910 + i)))]),
    );
    expect(written.body).toMatchObject({ applied: true, created: 20 });
  });
});
