// «Скачать PDF» (issue 14): how long one submitted report takes to print, and a coordinator's file of
// 100 chosen reports, with the server's memory while it streams; the same 100 as a zip of a PDF each
// («Скачать ZIP выбранных»).
//
//   npm run bench -- reports        BENCH_SINGLE (30 downloads of one report), BENCH_BATCHES (3 files
//                                   of each kind)
//
// A database with the demo data; 100 participants of the open collection submit the demo answers
// through the API (as their schools would). Then, as the federal operator: one report downloaded
// BENCH_SINGLE times in a row (latency, and the server's CPU per PDF), and the 100 reports as one
// file BENCH_BATCHES times (time to the first byte and to the last, the server's RSS sampled every
// 50 ms, the file's pages counted with PDF.js), then the zip of the same 100 BENCH_BATCHES times
// (likewise timed and sampled; its entries counted with fflate). The limits: one report ≤ 500 ms, 100 reports
// ≤ 30 s, streamed, with the server's memory growing by ≤ 100 MB. The last line is the JSON.

import { performance } from 'node:perf_hooks';
import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { getDocumentProxy } from 'unpdf';
import { DEMO_PASSWORD, seedDemo } from '../src/server/demo/seed.js';
import { Cleanup } from './support/cleanup.js';
import { createBenchDatabase } from './support/database.js';
import { saveDemoAnswers } from './support/demo-answers.js';
import { download, HttpClient, type Session, signIn, signInAll } from './support/http.js';
import { machineLoad } from './support/national.js';
import { cpuSplit, formatCpu, rssMb, sampleRss } from './support/proc.js';
import { startServer } from './support/server.js';
import { formatLatency, Latencies, round } from './support/stats.js';

const SINGLE = Number(process.env.BENCH_SINGLE ?? 30);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 3);
const CHOSEN = 100;

const log = (line: string) => console.log(line);

async function pagesOf(pdf: Buffer) {
  return (await getDocumentProxy(new Uint8Array(pdf))).numPages;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

async function main() {
  const cleanup = new Cleanup();
  try {
    log('reports: «Скачать PDF» of one submitted report, and of 100 chosen in one file');
    const database = await createBenchDatabase('reports');
    cleanup.add(() => database.drop());
    await seedDemo(database.db);
    const collection = await database.db
      .selectFrom('collections')
      .select('id')
      .where('ends_at', '>', sql<Date>`now()`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const chosen = await database.db
      .selectFrom('responses as r')
      .innerJoin('users as u', 'u.organization_id', 'r.organization_id')
      .select(['r.id', 'u.login'])
      .where('r.collection_id', '=', collection.id)
      .where('r.status', '=', 'not_started')
      .orderBy('r.id')
      .limit(CHOSEN)
      .execute();
    if (chosen.length < CHOSEN) throw new Error(`only ${chosen.length} participants have not started`);
    await database.close();

    const server = await startServer(database.url);
    cleanup.add(() => server.stop());
    const client = new HttpClient(server.url, 8);
    cleanup.add(async () => client.close());

    let t = performance.now();
    const schools = await signInAll(
      client,
      chosen.map((c) => c.login),
      DEMO_PASSWORD,
      4,
    );
    await Promise.all(
      chosen.map(async (c, i) => {
        const school = schools[i] as Session;
        await saveDemoAnswers(client, school, c.id, i);
        const submitted = await client.request('POST', `/api/responses/${c.id}/submit`, school.headers, '{}');
        if (submitted.status !== 200)
          throw new Error(`submit of ${c.login}: ${submitted.status} ${submitted.text}`);
      }),
    );
    log(
      `${CHOSEN} schools signed in, filled in and submitted the demo form in ${round((performance.now() - t) / 1000)} s`,
    );

    const admin = await signIn(client, 'admin', DEMO_PASSWORD);
    const one = `/api/responses/${chosen[0]?.id}/report.pdf`;
    // Warm-up: the fonts are read and the form's definition cached on the first.
    const warm = await download(server.url, one, admin);
    if (warm.status !== 200) throw new Error(`one report: ${warm.status} ${warm.bytes.toString()}`);
    const singlePages = await pagesOf(warm.bytes);

    log(`one report, ${SINGLE} times in a row; ${machineLoad()}`);
    const single = new Latencies();
    const singleCpu = await cpuSplit(server.pid, database.name);
    for (let i = 0; i < SINGLE; i++) single.add((await download(server.url, one, admin)).totalMs);
    const singleSplit = await singleCpu();
    const singleCpuMs = (singleSplit.server * 1000) / SINGLE;
    log(`  ${formatLatency(single.summary())}; ${singlePages} pages, ${round(warm.bytes.length / 1024)} KB`);
    log(`  server CPU per PDF ${singleCpuMs.toFixed(1)} ms; ${formatCpu(singleSplit)}`);

    const many = `/api/monitoring/collections/${collection.id}/reports.pdf?responses=${chosen.map((c) => c.id).join(',')}`;
    const batches: {
      firstByteMs: number;
      totalMs: number;
      growthMb: number;
      pages: number;
      mb: number;
      cpuS: number;
    }[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const before = rssMb(server.pid) ?? 0;
      const rss = sampleRss(server.pid, 50);
      const cpu = await cpuSplit(server.pid, database.name);
      t = performance.now();
      const file = await download(server.url, many, admin);
      const peak = rss.stop();
      const split = await cpu();
      if (file.status !== 200) throw new Error(`100 reports: ${file.status} ${file.bytes.toString()}`);
      const pages = await pagesOf(file.bytes);
      batches.push({
        firstByteMs: file.firstByteMs,
        totalMs: file.totalMs,
        growthMb: peak - before,
        pages,
        mb: file.bytes.length / 1048576,
        cpuS: split.server,
      });
      log(
        `100 reports, file ${b + 1}: first byte after ${round(file.firstByteMs)} ms, all ${round(file.totalMs / 1000, 2)} s, ` +
          `${pages} pages, ${round(file.bytes.length / 1048576, 2)} MB; server RSS ${round(before)} → peak ${round(peak)} MB ` +
          `(+${round(peak - before)}); server CPU ${round(split.server, 2)} s; ${machineLoad()}`,
      );
    }

    const zipPath = many.replace('/reports.pdf?', '/reports.zip?');
    const zips: {
      firstByteMs: number;
      totalMs: number;
      growthMb: number;
      entries: number;
      mb: number;
      cpuS: number;
    }[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const before = rssMb(server.pid) ?? 0;
      const rss = sampleRss(server.pid, 50);
      const cpu = await cpuSplit(server.pid, database.name);
      t = performance.now();
      const file = await download(server.url, zipPath, admin);
      const peak = rss.stop();
      const split = await cpu();
      if (file.status !== 200) throw new Error(`zip of 100: ${file.status} ${file.bytes.toString()}`);
      const entries = Object.keys(unzipSync(new Uint8Array(file.bytes))).length;
      zips.push({
        firstByteMs: file.firstByteMs,
        totalMs: file.totalMs,
        growthMb: peak - before,
        entries,
        mb: file.bytes.length / 1048576,
        cpuS: split.server,
      });
      log(
        `zip of 100, file ${b + 1}: first byte after ${round(file.firstByteMs)} ms, all ${round(file.totalMs / 1000, 2)} s, ` +
          `${entries} PDFs, ${round(file.bytes.length / 1048576, 2)} MB; server RSS ${round(before)} → peak ${round(peak)} MB ` +
          `(+${round(peak - before)}); server CPU ${round(split.server, 2)} s; ${machineLoad()}`,
      );
    }

    const s = single.summary();
    const result = {
      single_p50_ms: round(s.p50),
      single_p99_ms: round(s.p99),
      single_server_cpu_ms: round(singleCpuMs),
      single_pages: singlePages,
      batch_reports: CHOSEN,
      batch_seconds: round(median(batches.map((b) => b.totalMs)) / 1000, 2),
      batch_first_byte_ms: round(median(batches.map((b) => b.firstByteMs))),
      batch_rss_growth_mb: round(Math.max(...batches.map((b) => b.growthMb))),
      batch_pages: batches[0]?.pages ?? 0,
      batch_server_cpu_s: round(median(batches.map((b) => b.cpuS)), 2),
      zip_seconds: round(median(zips.map((z) => z.totalMs)) / 1000, 2),
      zip_first_byte_ms: round(median(zips.map((z) => z.firstByteMs))),
      zip_rss_growth_mb: round(Math.max(...zips.map((z) => z.growthMb))),
      zip_entries: zips[0]?.entries ?? 0,
      zip_mb: round(zips[0]?.mb ?? 0, 2),
      zip_server_cpu_s: round(median(zips.map((z) => z.cpuS)), 2),
    };
    const passed =
      result.single_p50_ms <= 500 &&
      result.batch_seconds <= 30 &&
      result.batch_rss_growth_mb <= 100 &&
      result.zip_seconds <= 30 &&
      result.zip_rss_growth_mb <= 100 &&
      result.zip_entries === CHOSEN;
    log('');
    log(
      `one report: p50 ${result.single_p50_ms} ms (limit 500); 100 reports: ${result.batch_seconds} s (limit 30), ` +
        `first byte after ${result.batch_first_byte_ms} ms, memory +${result.batch_rss_growth_mb} MB (limit 100); ` +
        `zip of 100: ${result.zip_seconds} s, memory +${result.zip_rss_growth_mb} MB → ${passed ? 'PASS' : 'FAIL'}`,
    );
    console.log(JSON.stringify({ ...result, passed }));
    if (!passed) process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

await main();
