// Issue 9, findings 5 and 12: a broken multipart request — no boundary, an absurd boundary, a body
// cut off — is a 400 with a Russian message, not a 500; too many fields is a 413 that says so.
// Nothing is stored. Both routes that take files: the import and a publication's attachments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { databaseDigest } from '../support/digest.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: Client;
let uploads: string[];

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  admin = await server.client().login('admin');
  const publication = await server.database.db
    .selectFrom('publications')
    .select('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  uploads = ['/api/import/organizations', `/api/publications/${publication.id}/files`];
});
afterAll(() => server.close());

const BOUNDARY = 'niko-multipart-probe';
const CSV = 'Код ОО;Краткое наименование\n779993;Школа\n';

function part(name: string, value: string, fileName?: string) {
  const disposition = `form-data; name="${name}"${fileName ? `; filename="${fileName}"` : ''}`;
  return `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n${value}\r\n`;
}

function send(path: string, body: string, contentType = `multipart/form-data; boundary=${BOUNDARY}`) {
  return admin.request('POST', path, { body, headers: { 'content-type': contentType } });
}

const BROKEN = 'Запрос multipart/form-data повреждён или оборван. Отправьте файл ещё раз.';

describe('a broken multipart request', () => {
  it.each([
    ['without a boundary', `${part('file', CSV, 'a.csv')}--${BOUNDARY}--\r\n`, 'multipart/form-data'],
    ['with a boundary of 300 characters', 'x', `multipart/form-data; boundary=${'b'.repeat(300)}`],
    [
      'cut off in the middle of the file',
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${CSV}`,
      undefined,
    ],
    ['cut off in the part headers', `--${BOUNDARY}\r\nContent-Disposition: form-da`, undefined],
  ])('%s is a 400 with a Russian message, and nothing is stored', async (_, body, contentType) => {
    const before = await databaseDigest(server.database.db);
    for (const path of uploads) {
      const res = await send(path, body, contentType);
      expect(res.status, `${path}: ${res.text}`).toBe(400);
      expect(res.body.detail, path).toBe(BROKEN);
    }
    expect(await databaseDigest(server.database.db)).toEqual(before);
  });
});

describe('too many fields', () => {
  it('is a 413 that says what is wrong, and nothing is stored', async () => {
    const fields = Array.from({ length: 20 }, (_, i) => part(`extra${i}`, 'x')).join('');
    const before = await databaseDigest(server.database.db);
    for (const path of uploads) {
      const res = await send(path, `${fields}${part('file', CSV, 'a.csv')}--${BOUNDARY}--\r\n`);
      expect(res.status, `${path}: ${res.text}`).toBe(413);
      expect(res.body.detail, path).toBe(
        'Слишком много полей в запросе: отправьте только файл и его параметры.',
      );
    }
    expect(await databaseDigest(server.database.db)).toEqual(before);
  });
});
