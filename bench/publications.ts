// Publications: a reader's list with 1,000 publications in the database, and the server's
// memory while it streams a 50 MB attachment.
//
//   npm run bench -- publications      BENCH_REQUESTS (400), BENCH_PUBLICATIONS (1000)
//
// The server runs as its own process (src/server/main.ts) on a fresh database: on the local
// PostgreSQL when it answers (DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres),
// otherwise on an embedded PGlite in a temporary folder. The last line is one JSON object.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db, DbHandle } from '../src/server/db/connection.js';
import { openDatabase } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../src/server/demo/seed.js';
import { completeFile, insertPendingFile } from '../src/server/publications/file-queries.js';
import { renderMarkdown } from '../src/server/publications/markdown.js';
import { writeChunks } from '../src/server/storage/database-store.js';
import { Cleanup } from './support/cleanup.js';
import { createBenchDatabase, SERVER_URL } from './support/database.js';
import { HttpClient, signIn } from './support/http.js';
import { rssMb } from './support/proc.js';
import { startServer } from './support/server.js';
import { formatLatency, Latencies, round } from './support/stats.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 1000);
const MB = 1024 * 1024;
const FILE_BYTES = 50 * MB;
const READER = 'sch770001';

async function postgresAnswers() {
  const c = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** Varied audiences and dates, as years of real use would leave them. */
async function seedPublications(db: Db, count: number) {
  const roles = [
    [],
    ['organization'],
    ['regional', 'municipal'],
    ['regional'],
    ['organization', 'municipal'],
  ];
  const regions = [[], [], ['77'], ['50'], ['77', '50'], ['01', '02', '03'], ['78']];
  const body = (i: number) =>
    `## Объявление № ${i}\n\nУважаемые коллеги! Сообщаем о **сроках** проведения мероприятия.\n\n` +
    '- подготовить данные;\n- проверить списки;\n- сдать отчёт в срок.\n\n' +
    'Подробности — на сайте [ФИС ОКО](https://fisoko.obrnadzor.gov.ru).';
  const now = Date.now();
  for (let start = 0; start < count; start += 200) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 200); i++) {
      const md = body(i);
      rows.push({
        title: `Информационное письмо № ${i + 1} о проведении НИКО`,
        body_markdown: md,
        body_html: renderMarkdown(md),
        audience_roles: roles[i % roles.length] as string[],
        audience_regions: regions[i % regions.length] as string[],
        // Two years back, and one in twenty still scheduled.
        publish_at: new Date(i % 20 === 0 ? now + (i + 1) * 3_600_000 : now - i * 17 * 3_600_000),
      });
    }
    await db.insertInto('publications').values(rows).execute();
  }
}

/** One 50 MB attachment, for everyone, streamed into the store as an upload would be. */
async function seedBigFile(db: Db) {
  const pub = await db
    .insertInto('publications')
    .values({ title: 'Архив материалов НИКО', body_markdown: '', body_html: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const fileId = await insertPendingFile(db, {
    publicationId: pub.id,
    name: 'Архив материалов.zip',
    contentType: 'application/zip',
  });
  // Random bytes, every value from 0 to 255, as in a real archive.
  async function* content() {
    for (let i = 0; i < FILE_BYTES / MB; i++) yield randomBytes(MB);
  }
  const stored = await writeChunks(db, fileId, content());
  await completeFile(db, fileId, stored);
  return { url: `/api/publications/${pub.id}/files/${fileId}`, sha256: stored.sha256 };
}

function download(url: string, cookie: string) {
  return new Promise<{ status: number; bytes: number; sha256: string }>((resolve, reject) => {
    http
      .get(url, { headers: { cookie } }, (res) => {
        const hash = createHash('sha256');
        let bytes = 0;
        res.on('data', (d: Buffer) => {
          bytes += d.length;
          hash.update(d);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, sha256: hash.digest('hex') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function main() {
  const onPostgres = await postgresAnswers();
  const cleanup = new Cleanup();
  let handle: DbHandle;
  let databaseUrl = '';
  let dataDir: string | undefined;
  if (onPostgres) {
    const bench = await createBenchDatabase('publications');
    cleanup.add(() => bench.drop());
    handle = bench;
    databaseUrl = bench.url;
    console.log(`engine: PostgreSQL (${new URL(SERVER_URL).host}), database ${bench.name}`);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-bench-pub-'));
    cleanup.add(async () => fs.rmSync(dir, { recursive: true, force: true }));
    dataDir = dir;
    const lite = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    handle = lite;
    cleanup.add(() => lite.close().catch(() => {}));
    await migrate(handle.pool);
    console.log(`engine: PGlite (PostgreSQL at ${new URL(SERVER_URL).host} does not answer), ${dir}`);
  }
  try {
    const t0 = performance.now();
    await seedDemo(handle.db);
    await seedPublications(handle.db, PUBLICATIONS);
    const big = await seedBigFile(handle.db);
    const total = await handle.db
      .selectFrom('publications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    console.log(
      `seeded ${total.n} publications and a 50 MB file in ${round((performance.now() - t0) / 1000)} s`,
    );
    // PGlite belongs to one process: the server's, from here on.
    if (!onPostgres) await handle.close();

    const server = await startServer(databaseUrl, dataDir ? { DATA_DIR: dataDir } : {});
    cleanup.add(() => server.stop());
    const client = new HttpClient(server.url, 1);
    const session = await signIn(client, READER, DEMO_PASSWORD);
    const get = (p: string) => client.request('GET', p, { cookie: session.headers.cookie as string });

    const first = await get('/api/publications?page=1&pageSize=20');
    const visible = (JSON.parse(first.text) as { total: number }).total;
    console.log(`${READER} sees ${visible} of ${total.n} publications`);
    for (let i = 0; i < 50; i++) await get('/api/publications?page=1&pageSize=20');
    const list = new Latencies();
    const search = new Latencies();
    const reference = new Latencies();
    for (let i = 0; i < REQUESTS; i++) {
      let t = performance.now();
      const r = await get('/api/publications?page=1&pageSize=20');
      list.add(performance.now() - t);
      if (r.status !== 200) throw new Error(`list answered ${r.status}`);
      t = performance.now();
      await get('/api/auth/session');
      reference.add(performance.now() - t);
      t = performance.now();
      await get(`/api/publications?q=${encodeURIComponent(`№ ${(i % 900) + 1} `)}&page=1&pageSize=20`);
      search.add(performance.now() - t);
    }
    console.log(
      `list, first page of 20:  ${formatLatency(list.summary())}, p95 ${round(list.percentile(95))} ms`,
    );
    console.log(`search by title:         ${formatLatency(search.summary())}`);
    // The cheapest signed-in request, for scale: what this machine charges any request right now.
    console.log(`reference, GET /api/auth/session: ${formatLatency(reference.summary())}`);

    // Memory while one 50 MB download streams: sampled every 50 ms against the level just before.
    await new Promise((r) => setTimeout(r, 500));
    const baseline = rssMb(server.pid) ?? 0;
    let peak = baseline;
    const timer = setInterval(() => {
      peak = Math.max(peak, rssMb(server.pid) ?? 0);
    }, 50);
    const t = performance.now();
    const got = await download(server.url + big.url, session.headers.cookie as string);
    clearInterval(timer);
    peak = Math.max(peak, rssMb(server.pid) ?? 0);
    if (got.status !== 200 || got.bytes !== FILE_BYTES || got.sha256 !== big.sha256) {
      throw new Error(
        `download: status ${got.status}, ${got.bytes} bytes, sha256 ${got.sha256 === big.sha256}`,
      );
    }
    const seconds = (performance.now() - t) / 1000;
    console.log(
      `download of 50 MB: ${round(seconds, 2)} s (${round(50 / seconds)} MB/s), bytes and sha256 match; ` +
        `server RSS ${round(baseline)} MB before, peak ${round(peak)} MB`,
    );
    client.close();
    const result = {
      list_p95_ms: round(list.percentile(95), 2),
      download_rss_growth_mb: round(peak - baseline, 1),
    };
    console.log(JSON.stringify(result));
  } finally {
    await cleanup.run();
  }
}

await main();
