// Attachments: uploaded one per request, stored in chunks, downloaded as a stream with the right
// headers and exactly the bytes uploaded; every download audited. Refused files store nothing.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { storedCounts } from '../support/publications.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: Client;
let publicationId: number;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
  admin = await server.client().login('admin');
  const created = await admin.post('/api/publications', {
    title: 'Материалы для школ Москвы',
    audienceRoles: ['organization'],
    audienceRegions: ['77'],
  });
  publicationId = created.body.id;
});
afterAll(() => server.close());

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = (...parts: (string | Buffer)[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
const PDF = (size: number) => bytes('%PDF-1.7\n', randomBytes(size - 9));

async function download(c: Client, url: string) {
  const res = await fetch(server.url + url, {
    headers: { cookie: `niko_session=${c.cookie('niko_session')}` },
  });
  return { res, body: new Uint8Array(await res.arrayBuffer()) };
}

describe('upload and download', () => {
  it('serves back exactly the bytes uploaded, with the headers a browser needs, and audits it', async () => {
    // Several 256 KB chunks and a ragged end.
    const content = PDF(700_001);
    const up = await admin.upload(`/api/publications/${publicationId}/files`, {
      name: 'Расписание НИКО.pdf',
      content,
      type: 'application/octet-stream', // the browser's claim is ignored: the extension decides
    });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      name: 'Расписание НИКО.pdf',
      contentType: 'application/pdf',
      sizeBytes: 700_001,
    });
    const row = await server.database.db
      .selectFrom('publication_files')
      .select(['sha256', 'complete'])
      .where('id', '=', up.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ sha256: sha256(content), complete: true });

    const school = await server.client().login('sch770001');
    const listed = (await school.get(`/api/publications/${publicationId}`)).body.files;
    expect(listed).toEqual([
      {
        id: up.body.id,
        name: 'Расписание НИКО.pdf',
        contentType: 'application/pdf',
        sizeBytes: 700_001,
        url: up.body.url,
      },
    ]);
    const { res, body } = await download(school, up.body.url);
    expect(res.status).toBe(200);
    expect(sha256(body)).toBe(sha256(content));
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe('700001');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Raspisanie NIKO.pdf"; filename*=UTF-8''${encodeURIComponent('Расписание НИКО')}.pdf`,
    );

    const audit = await server.database.db
      .selectFrom('audit_log')
      .select(['actor_login', 'object_id', 'details'])
      .where('action', '=', 'publication.file_downloaded')
      .execute();
    expect(audit).toContainEqual({
      actor_login: 'sch770001',
      object_id: String(publicationId),
      details: { fileId: up.body.id, name: 'Расписание НИКО.pdf' },
    });
  });

  it('serves every byte value unchanged, across the 64 KB slices and 256 KB chunks it is read in', async () => {
    // Bytes over 0x7F are the ones a text decoding would mangle (pg decodes results as UTF-8).
    const pattern = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
    const content = bytes('PK\x03\x04', ...Array.from({ length: 1200 }, () => pattern));
    const up = await admin.upload(`/api/publications/${publicationId}/files`, {
      name: 'Все байты.zip',
      content,
    });
    expect(up.status).toBe(201);
    const { body } = await download(admin, up.body.url);
    expect(body.length).toBe(content.length);
    expect(Buffer.from(body).equals(Buffer.from(content))).toBe(true);
  });

  const accepted: [string, Uint8Array<ArrayBuffer>, string][] = [
    [
      'Таблица.xlsx',
      bytes('PK\x03\x04', randomBytes(2000)),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['Архив.zip', bytes('PK\x05\x06', Buffer.alloc(18)), 'application/zip'],
    ['Старый.doc', bytes(Buffer.from('d0cf11e0a1b11ae1', 'hex'), randomBytes(600)), 'application/msword'],
    ['Схема.PNG', bytes(Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(300)), 'image/png'],
    ['Фото.jpg', bytes(Buffer.from('ffd8ffe0', 'hex'), randomBytes(300)), 'image/jpeg'],
    ['Список.csv', bytes('Код;Название\r\n770001;Школа\r\n'), 'text/csv; charset=utf-8'],
  ];
  it.each(accepted)('accepts %s', async (name, content, type) => {
    const up = await admin.upload(`/api/publications/${publicationId}/files`, { name, content });
    expect(up.status).toBe(201);
    const { res, body } = await download(admin, up.body.url);
    expect(res.headers.get('content-type')).toBe(type);
    expect(sha256(body)).toBe(sha256(content));
  });

  it('removes a file: it is no longer listed nor served, and its chunks are gone', async () => {
    const up = await admin.upload(`/api/publications/${publicationId}/files`, {
      name: 'Лишний.txt',
      content: 'лишний',
    });
    const before = await storedCounts(server.database.db);
    expect((await admin.delete(up.body.url)).status).toBe(204);
    expect((await download(admin, up.body.url)).res.status).toBe(404);
    const after = await storedCounts(server.database.db);
    expect(after).toEqual({ ...before, files: before.files - 1, chunks: before.chunks - 1 });
    expect((await admin.delete(up.body.url)).status).toBe(404);
  });

  it('deleting a publication deletes its files', async () => {
    const pub = await admin.post('/api/publications', { title: 'Временная' });
    const before = await storedCounts(server.database.db);
    const up = await admin.upload(`/api/publications/${pub.body.id}/files`, {
      name: 'x.pdf',
      content: PDF(300_000),
    });
    expect(up.status).toBe(201);
    expect((await admin.delete(`/api/publications/${pub.body.id}`)).status).toBe(204);
    expect((await download(admin, up.body.url)).res.status).toBe(404);
    expect(await storedCounts(server.database.db)).toEqual({
      ...before,
      publications: before.publications - 1,
    });
  });
});

describe('refused uploads store nothing', () => {
  const cases: [string, { name: string; content: Uint8Array<ArrayBuffer> }, number, string][] = [
    [
      'a zero-byte file',
      { name: 'Пустой.pdf', content: bytes('') },
      400,
      'Файл пустой (0 байт): выберите файл с содержимым.',
    ],
    [
      'an executable',
      { name: 'setup.exe', content: bytes('MZ', randomBytes(100)) },
      415,
      'Файлы типа .exe не принимаются. Допустимые типы: pdf, doc, docx, xls, xlsx, odt, ods, zip, txt, csv, png, jpg.',
    ],
    [
      'an HTML page',
      { name: 'page.html', content: bytes('<script>alert(1)</script>') },
      415,
      'Файлы типа .html не принимаются.',
    ],
    [
      'a file without extension',
      { name: 'README', content: bytes('text') },
      415,
      'Файлы без расширения не принимаются.',
    ],
    [
      'text posing as a PDF',
      { name: 'Отчёт.pdf', content: bytes('<html><script>alert(1)</script></html>') },
      415,
      'Содержимое файла не соответствует расширению .pdf: ожидался PDF.',
    ],
    [
      'a PDF posing as a spreadsheet',
      { name: 'Таблица.xlsx', content: PDF(1000) },
      415,
      'Содержимое файла не соответствует расширению .xlsx: ожидался ZIP-архив (или документ Office/OpenDocument).',
    ],
    [
      'binary posing as text',
      { name: 'notes.txt', content: bytes(Buffer.from([0x4d, 0x5a, 0x00, 0x01]), randomBytes(50)) },
      415,
      'Содержимое файла не соответствует расширению .txt: ожидался текст.',
    ],
    ['a file without a name', { name: '', content: bytes('%PDF-1.4') }, 400, ''],
  ];

  it.each(cases)('refuses %s', async (_what, file, status, message) => {
    const before = await storedCounts(server.database.db);
    const res = await admin.upload(`/api/publications/${publicationId}/files`, file);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(
      message ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : /[а-я]/,
    );
    expect(await storedCounts(server.database.db)).toEqual(before);
  });

  it('refuses a request without a file, a JSON body, and a second file', async () => {
    const before = await storedCounts(server.database.db);
    const url = `/api/publications/${publicationId}/files`;
    const noFile = new FormData();
    noFile.append('note', 'без файла');
    const a = await admin.request('POST', url, { body: noFile });
    expect([a.status, a.body.detail]).toEqual([400, 'Приложите файл.']);
    const b = await admin.post(url, { file: 'not a file' });
    expect([b.status, b.body.detail]).toEqual([
      415,
      'Отправьте файл формой multipart/form-data в поле «file».',
    ]);
    const two = new FormData();
    two.append('file', new Blob([PDF(100)]), 'a.pdf');
    two.append('file', new Blob([PDF(100)]), 'b.pdf');
    const c = await admin.request('POST', url, { body: two });
    expect(c.status).toBe(413);
    expect(c.body.detail).toBe('Слишком много файлов в запросе.');
    expect(await storedCounts(server.database.db)).toEqual(before);
  });

  it('answers 404 for a publication that does not exist, reading nothing', async () => {
    const res = await admin.upload('/api/publications/999999/files', { name: 'a.pdf', content: PDF(100) });
    expect(res.status).toBe(404);
  });
});
