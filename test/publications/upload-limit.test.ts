// A file over 50 MB is refused with 413 and a Russian message, nothing is stored, and the server
// never holds the file in memory meanwhile: its chunks are stored as they arrive. The tests stream
// 51 MB from a generator (one reused 64 KB buffer), so they allocate nothing like it either. What a
// download or an upload costs the server in memory is measured by `npm run bench -- publications`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { type Db, openDatabase } from '../../src/server/db/connection.js';
import { migrate } from '../../src/server/db/migrate.js';
import { Client } from '../support/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type ServerProcess, startServerProcess } from '../support/process.js';
import { storedCounts } from '../support/publications.js';
import { startTestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

const MB = 1024 * 1024;
let database: TestDatabase | undefined;
let dataDir: string | undefined;
let server: ServerProcess;
let admin: Client;
let publicationId: number;

/** Only the operator's account: a whole demo would make the server process slow to start. */
async function seedOperator(db: Db) {
  await db
    .insertInto('users')
    .values({ login: 'admin', role: 'federal', password_hash: await hashPassword('demo') })
    .execute();
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
    await seedOperator(database.db);
    server = await startServerProcess({ DATABASE_URL: database.url as string, SEED_DEMO: 'never' });
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-upload-'));
    const handle = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    await migrate(handle.pool);
    await seedOperator(handle.db);
    await handle.close();
    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '', SEED_DEMO: 'never' });
  }
  admin = await new Client(server.url).login('admin');
  publicationId = (await admin.post('/api/publications', { title: 'Большие файлы' })).body.id;
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What is stored, read straight from the database (the embedded one once the server has stopped). */
async function counts() {
  if (database) return storedCounts(database.db);
  await server.stop();
  const handle = await openDatabase({ dataDir: path.join(dataDir as string, 'pglite') });
  try {
    return await storedCounts(handle.db);
  } finally {
    await handle.close();
  }
}

const BOUNDARY = 'niko-test-boundary';
/** The parts of a multipart body with one file of `fileBytes`; it may stop for a while after `pauseAfter`. */
async function* multipartBody(fileBytes: number, pause?: { pauseAfter: number; paused: Promise<void> }) {
  yield Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="Большой.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n%PDF-1.7\n',
  );
  const piece = Buffer.alloc(64 * 1024, 0x41);
  for (let sent = 9; sent < fileBytes; sent += piece.length) {
    if (pause && sent >= pause.pauseAfter && sent < pause.pauseAfter + piece.length) await pause.paused;
    yield sent + piece.length <= fileBytes ? piece : piece.subarray(0, fileBytes - sent);
  }
  yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
}

async function headers(as: Client = admin) {
  return {
    'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    'x-csrf-token': await as.csrfToken(),
    cookie: `niko_session=${as.cookie('niko_session')}; niko_csrf=${as.cookie('niko_csrf')}`,
  };
}

// 51 MB go through the database as they arrive: on a loaded machine that takes a while.
it('refuses 51 MB sent without a length with 413, storing it as it arrives and keeping nothing', {
  timeout: 180_000,
}, async () => {
  // The server under test runs in this process, so that the test can see the database while the
  // upload is under way. Were the body held in memory until its end, no chunk would be stored
  // before it; streamed, the chunks are there while the client still has most of it to send.
  const local = await startTestServer({ config: { logLevel: 'silent' } });
  try {
    await seedOperator(local.database.db);
    const operator = await local.client().login('admin');
    const id = (await operator.post('/api/publications', { title: 'Поток' })).body.id;
    let resume = () => {};
    const paused = new Promise<void>((r) => {
      resume = r;
    });
    const sent = fetch(`${local.url}/api/publications/${id}/files`, {
      method: 'POST',
      headers: await headers(operator),
      body: multipartBody(51 * MB, { pauseAfter: 4 * MB, paused }) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    const storedSoFar = () =>
      local.database.db
        .selectFrom('publication_file_chunks as c')
        .innerJoin('publication_files as f', 'f.id', 'c.file_id')
        .where('f.publication_id', '=', id)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    // 4 MB sent: all but what is still in flight is stored, 256 KB a chunk.
    await waitFor(async () => (await storedSoFar()) >= 8, 'chunks stored while the upload is under way');
    resume();
    const res = await sent;
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await res.json()).detail).toBe('Файл больше 50 МБ.');
    expect(await storedSoFar()).toBe(0);
    const files = await local.database.db
      .selectFrom('publication_files')
      .select('id')
      .where('publication_id', '=', id)
      .execute();
    expect(files).toEqual([]);
  } finally {
    await local.close();
  }
});

it('serves a file of several chunks back byte for byte from the server process', async () => {
  // On PostgreSQL the server process reads chunks in binary through a pool of its own
  // (storage/chunk-reader.ts); the in-process tests cover the Kysely path.
  const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(700_000, 7), Buffer.from('конец')]);
  const up = await admin.upload(`/api/publications/${publicationId}/files`, {
    name: 'Три чанка.pdf',
    content: new Uint8Array(content),
  });
  expect(up.status).toBe(201);
  const res = await fetch(server.url + up.body.url, {
    headers: { cookie: `niko_session=${admin.cookie('niko_session')}` },
  });
  expect(res.status).toBe(200);
  expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
});

it('refuses a request that announces more than 50 MB before reading its body', async () => {
  const h = await headers();
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${server.url}/api/publications/${publicationId}/files`, {
      method: 'POST',
      headers: { ...h, 'content-length': String(60 * MB) },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on('error', reject);
    // Only the start of the body is ever sent: the answer must come without the rest.
    req.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-`);
  });
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body).detail).toBe('Файл больше 50 МБ.');
});

it('stored nothing of either: the database holds exactly the listed files and their chunks', async () => {
  const rows = (await admin.get('/api/publications?pageSize=200')).body.rows;
  const files = rows.flatMap((r: any) => r.files);
  const chunks = files.reduce((n: number, f: any) => n + Math.ceil(f.sizeBytes / (256 * 1024)), 0);
  const stored = await counts();
  expect({ files: stored.files, chunks: stored.chunks }).toEqual({ files: files.length, chunks });
});
