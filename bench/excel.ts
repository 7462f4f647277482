// «Скачать форму в Excel» and «Загрузить из Excel» (issue 14): how long the server takes to build a
// school's form as xlsx with every cell of the demo form filled in, and to load such a file back.
//
//   npm run bench -- excel        BENCH_DOWNLOADS (30), BENCH_UPLOADS (10)
//
// A database with the demo data; one participant of the open collection saves the demo answers
// through the API. Then the school downloads its form BENCH_DOWNLOADS times in a row: latency from
// the client, the server's CPU per workbook from /proc, and the file read back with ExcelJS (sheets,
// mapped input cells). Then BENCH_UPLOADS rounds of loading the full form back: a fresh download
// with every number changed and a class row added (bench/support/excel-upload.ts), its preview and
// «Применить», each timed from the client and in the server's CPU. The limit is 300 ms of
// server time per workbook, per preview and per apply. The last line is the JSON.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { DEMO_PASSWORD, seedDemo } from '../src/server/demo/seed.js';
import { KEYS_SHEET } from '../src/server/excel/form-workbook.js';
import { Cleanup } from './support/cleanup.js';
import { createBenchDatabase } from './support/database.js';
import { saveDemoAnswers } from './support/demo-answers.js';
import { benchUpload } from './support/excel-upload.js';
import { download, HttpClient, signIn } from './support/http.js';
import { machineLoad } from './support/national.js';
import { cpuSplit, formatCpu } from './support/proc.js';
import { startServer } from './support/server.js';
import { formatLatency, Latencies, round } from './support/stats.js';

const DOWNLOADS = Number(process.env.BENCH_DOWNLOADS ?? 30);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 10);
const log = (line: string) => console.log(line);

async function main() {
  const cleanup = new Cleanup();
  try {
    log('excel: «Скачать форму в Excel» of a fully filled-in demo form');
    const database = await createBenchDatabase('excel');
    cleanup.add(() => database.drop());
    await seedDemo(database.db);
    const participant = await database.db
      .selectFrom('responses as r')
      .innerJoin('collections as c', 'c.id', 'r.collection_id')
      .innerJoin('users as u', 'u.organization_id', 'r.organization_id')
      .select(['r.id', 'u.login'])
      .where('c.ends_at', '>', sql<Date>`now()`)
      .where('r.status', '=', 'not_started')
      .orderBy('r.id')
      .executeTakeFirstOrThrow();
    await database.close();

    const server = await startServer(database.url);
    cleanup.add(() => server.stop());
    const client = new HttpClient(server.url, 1);
    cleanup.add(async () => client.close());
    const school = await signIn(client, participant.login, DEMO_PASSWORD);
    const savedCells = await saveDemoAnswers(client, school, participant.id, 1);

    const path = `/api/responses/${participant.id}/form.xlsx`;
    const first = await download(server.url, path, school);
    if (first.status !== 200) throw new Error(`form.xlsx: ${first.status} ${first.bytes.toString()}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      first.bytes.buffer.slice(
        first.bytes.byteOffset,
        first.bytes.byteOffset + first.bytes.length,
      ) as ArrayBuffer,
    );
    const mapped = (book.getWorksheet(KEYS_SHEET)?.rowCount ?? 2) - 2;
    log(
      `the workbook: ${round(first.bytes.length / 1024)} KB, ${book.worksheets.length - 1} sheets, ` +
        `${mapped} input cells mapped, ${savedCells} values saved`,
    );

    log(`${DOWNLOADS} downloads in a row; ${machineLoad()}`);
    const latency = new Latencies();
    const cpu = await cpuSplit(server.pid, database.name);
    for (let i = 0; i < DOWNLOADS; i++) latency.add((await download(server.url, path, school)).totalMs);
    const split = await cpu();
    const serverMs = (split.server * 1000) / DOWNLOADS;
    const s = latency.summary();
    log(`  ${formatLatency(s)}`);
    log(`  server CPU per workbook ${serverMs.toFixed(1)} ms; ${formatCpu(split)}`);

    log(`${UPLOADS} rounds of loading the full form back (download, every number changed, a row added)`);
    const up = await benchUpload({
      baseUrl: server.url,
      school,
      responseId: participant.id,
      serverPid: server.pid,
      rounds: UPLOADS,
      log,
    });
    log(`  preview of ${up.changes} changed cells: ${formatLatency(up.preview)}`);
    log(`  server CPU per preview ${up.previewCpuMs.toFixed(1)} ms`);
    log(`  «Применить»: ${formatLatency(up.apply)}`);
    log(`  server CPU per apply ${up.applyCpuMs.toFixed(1)} ms`);

    const passed = serverMs <= 300 && up.previewCpuMs <= 300 && up.applyCpuMs <= 300;
    log('');
    log(`building the form's xlsx: ${serverMs.toFixed(1)} ms of server CPU (limit 300)`);
    log(
      `loading it back: preview ${up.previewCpuMs.toFixed(1)} ms, apply ${up.applyCpuMs.toFixed(1)} ms (limit 300 each)`,
    );
    log(`→ ${passed ? 'PASS' : 'FAIL'}`);
    console.log(
      JSON.stringify({
        downloads: DOWNLOADS,
        p50_ms: round(s.p50),
        p99_ms: round(s.p99),
        server_cpu_ms: round(serverMs),
        kb: round(first.bytes.length / 1024),
        mapped_cells: mapped,
        uploads: UPLOADS,
        upload_changes: up.changes,
        preview_p50_ms: round(up.preview.p50),
        preview_server_cpu_ms: round(up.previewCpuMs),
        apply_p50_ms: round(up.apply.p50),
        apply_server_cpu_ms: round(up.applyCpuMs),
        passed,
      }),
    );
    if (!passed) process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

await main();
