// The restore drill (docs/DEPLOY.md, «Backups»): a database with the demo data and recent activity
// (autosaves, a submission, an export prepared and downloaded) is dumped with pg_dump, restored with
// pg_restore into a fresh database, and the server is started on the copy: it must answer, sign
// people in and show the same data. Every table's row count and checksum (md5 of its rows in
// primary-key order) and every sequence's position are compared between the two databases.
//
//   npm run bench -- restore           (pg_dump and pg_restore of the server's major version on PATH)
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { DEMO_PASSWORD, seedDemo } from '../src/server/demo/seed.js';
import type { FormDefinition } from '../src/shared/forms/definition.js';
import { inputCellMap } from '../src/shared/forms/layout.js';
import { Cleanup } from './support/cleanup.js';
import { createBenchDatabase } from './support/database.js';
import { HttpClient, type Session, signIn } from './support/http.js';
import { startServer } from './support/server.js';
import { round } from './support/stats.js';
import { compareChecksums, tableChecksums } from './support/table-checksums.js';

const log = (line: string) => console.log(line);
const SCHOOL = 'sch770001';

type Seen = {
  cells: Record<string, { value: string | null; version: number }>;
  stats: string;
  exportSha: string;
};

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

async function getBinary(base: string, pathname: string, cookie: string): Promise<Buffer> {
  const res = await fetch(`${base}${pathname}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${pathname}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

async function expectOk(client: HttpClient, method: string, pathname: string, s: Session, body?: unknown) {
  const res = await client.request(
    method,
    pathname,
    s.headers,
    body === undefined ? undefined : JSON.stringify(body),
  );
  if (res.status >= 300) throw new Error(`${method} ${pathname}: ${res.status} ${res.text.slice(0, 300)}`);
  return JSON.parse(res.text);
}

/** What people see through the server: the school's cells, the national statistics, the export file. */
async function look(base: string, ids: Ids): Promise<Seen> {
  const client = new HttpClient(base, 1);
  try {
    const school = await signIn(client, SCHOOL, DEMO_PASSWORD);
    const admin = await signIn(client, 'admin', DEMO_PASSWORD);
    const response = await expectOk(client, 'GET', `/api/responses/${ids.response}`, school);
    const stats = await expectOk(client, 'GET', `/api/monitoring/collections/${ids.collection}/stats`, admin);
    const file = await getBinary(base, `/api/exports/${ids.job}/download`, admin.headers.cookie as string);
    // The cells in key order: the server reads them in no particular order.
    const cells = Object.fromEntries(
      Object.entries(response.cells as Seen['cells']).sort(([x], [y]) => (x < y ? -1 : 1)),
    );
    return { cells, stats: JSON.stringify(stats), exportSha: sha256(file) };
  } finally {
    client.close();
  }
}

/** Recent activity through the real server: autosaves, a submission, an export done. */
async function activity(base: string, ids: Ids, keys: string[]) {
  const client = new HttpClient(base, 1);
  try {
    const school = await signIn(client, SCHOOL, DEMO_PASSWORD);
    const save = (changes: { cell: string; value: string; base: number }[]) =>
      expectOk(client, 'POST', `/api/responses/${ids.response}/changes`, school, {
        changes: changes.map((c) => ({ id: randomUUID(), ...c })),
      });
    // Eight cells typed in, then four of them corrected: versions 1 and 2, with their history.
    await save(keys.slice(0, 8).map((cell, i) => ({ cell, value: String(i + 1), base: 0 })));
    await save(keys.slice(0, 4).map((cell, i) => ({ cell, value: String(i + 10), base: 1 })));
    const submitter = await signIn(client, ids.submitter, DEMO_PASSWORD);
    await expectOk(client, 'POST', `/api/responses/${ids.submitted}/submit`, submitter, {});
    const admin = await signIn(client, 'admin', DEMO_PASSWORD);
    const job = await expectOk(
      client,
      'POST',
      `/api/monitoring/collections/${ids.collection}/exports`,
      admin,
      {},
    );
    for (let i = 0; ; i++) {
      const state = await expectOk(client, 'GET', `/api/exports/${job.id}`, admin);
      if (state.status === 'done') break;
      if (state.status === 'failed' || i > 600) throw new Error(`export not done: ${JSON.stringify(state)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return job.id as number;
  } finally {
    client.close();
  }
}

type Ids = { response: number; collection: number; submitter: string; submitted: number; job: number };

/** The open collection, the demo school's response in it, a submitted response and its school's login. */
async function findIds(db: import('../src/server/db/connection.js').Db) {
  const collection = await db
    .selectFrom('collections')
    .select(['id', 'form_version_id'])
    .where('ends_at', '>', sql<Date>`now()`)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const response = await db
    .selectFrom('responses as r')
    .innerJoin('users as u', 'u.organization_id', 'r.organization_id')
    .select('r.id')
    .where('u.login', '=', SCHOOL)
    .where('r.collection_id', '=', collection.id)
    .executeTakeFirstOrThrow();
  const submitted = await db
    .selectFrom('responses as r')
    .innerJoin('users as u', 'u.organization_id', 'r.organization_id')
    .select(['r.id', 'u.login'])
    .where('r.status', '=', 'submitted')
    .where('r.collection_id', '=', collection.id)
    .orderBy('r.id')
    .executeTakeFirstOrThrow();
  const version = await db
    .selectFrom('form_versions')
    .select('definition')
    .where('id', '=', collection.form_version_id)
    .executeTakeFirstOrThrow();
  const definition = (
    typeof version.definition === 'string' ? JSON.parse(version.definition) : version.definition
  ) as FormDefinition;
  const keys = [...inputCellMap(definition).values()]
    .filter((c) => c.column.type === 'integer')
    .map((c) => c.key);
  return {
    ids: {
      response: response.id,
      collection: collection.id,
      submitter: submitted.login,
      submitted: submitted.id,
      job: 0,
    },
    keys,
  };
}

function run(command: string, args: string[]): number {
  const t = performance.now();
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return (performance.now() - t) / 1000;
}

async function main() {
  const cleanup = new Cleanup();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-bench-restore-'));
  cleanup.add(async () => fs.rmSync(dir, { recursive: true, force: true }));
  try {
    const source = await createBenchDatabase('restore_src');
    cleanup.add(() => source.drop());
    let t = performance.now();
    await seedDemo(source.db);
    const { ids, keys } = await findIds(source.db);
    await source.close();
    log(`demo data loaded into ${source.name} in ${round((performance.now() - t) / 1000)} s`);

    const first = await startServer(source.url);
    cleanup.add(() => first.stop());
    ids.job = await activity(first.url, ids, keys);
    const before = await look(first.url, ids);
    await first.stop();
    log(
      `activity: 12 autosaved changes of ${SCHOOL}, a submission by ${ids.submitter}, export job ${ids.job} done and downloaded; server stopped`,
    );

    const file = path.join(dir, 'niko.dump');
    const dumpSeconds = run('pg_dump', ['--format=custom', '--file', file, '--dbname', source.url]);
    const dumpMb = fs.statSync(file).size / 1024 / 1024;
    log(`pg_dump --format=custom: ${round(dumpSeconds)} s, ${round(dumpMb)} MB`);
    const target = await createBenchDatabase('restore_dst', { migrated: false });
    cleanup.add(() => target.drop());
    await target.close();
    const restoreSeconds = run('pg_restore', [
      '--exit-on-error',
      '--no-owner',
      '--jobs=2',
      '--dbname',
      target.url,
      file,
    ]);
    log(`pg_restore --jobs=2 into ${target.name}: ${round(restoreSeconds)} s`);

    t = performance.now();
    const [a, b] = await Promise.all([tableChecksums(source.url), tableChecksums(target.url)]);
    const mismatches = compareChecksums(a, b);
    const tables = [...a.keys()].filter((k) => !k.startsWith('sequence ')).length;
    const rows = [...a.values()].reduce((n, s) => n + s.rows, 0);
    log(
      `compared ${tables} tables (${rows} rows) and ${a.size - tables} sequences in ${round((performance.now() - t) / 1000)} s`,
    );
    for (const [name, sum] of a)
      if (sum.rows > 0) log(`  ${name.padEnd(28)} ${String(sum.rows).padStart(8)} rows  ${sum.md5}`);
    for (const m of mismatches)
      log(`MISMATCH ${m.table}: ${JSON.stringify(m.source)} → ${JSON.stringify(m.restored)}`);

    const second = await startServer(target.url);
    cleanup.add(() => second.stop());
    const after = await look(second.url, ids);
    await second.stop();
    const served = {
      cells: JSON.stringify(after.cells) === JSON.stringify(before.cells),
      statistics: after.stats === before.stats,
      export_file: after.exportSha === before.exportSha,
    };
    log(
      `server on the restored database: ${SCHOOL} signed in and sees ${Object.keys(after.cells).length} cells ${served.cells ? 'as before' : 'DIFFERENT'}; ` +
        `national statistics ${served.statistics ? 'as before' : 'DIFFERENT'}; export ${ids.job} downloads ${served.export_file ? 'byte for byte the same file' : 'a DIFFERENT file'}`,
    );
    const ok = mismatches.length === 0 && Object.values(served).every(Boolean);
    log(ok ? 'PASS: the restored database is the same, and the server serves it' : 'FAIL');
    log(
      JSON.stringify({
        tables,
        rows,
        mismatches: mismatches.length,
        dump_s: round(dumpSeconds),
        restore_s: round(restoreSeconds),
        dump_mb: round(dumpMb),
        served,
      }),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

await main();
