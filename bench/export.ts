// «Экспорт результатов» at national size (issue 5): the federal operator exports the whole
// collection (43,632 organizations, a third of them with a submitted 250-cell form) to xlsx.
// Measures the wall time from the request to the job being done, the server's peak RSS (VmRSS
// sampled every 100 ms while it works), and, in the same run, how long PostgreSQL takes to
// hand the same rows to a client with COPY: the floor any export of them has to stand on.
//
//   npm run bench -- export            NATIONAL_DATABASE_URL (reuse a loaded database),
//                                      BENCH_KEEP_XLSX=path (keep the downloaded file there)
//
// The baseline is `psql -c "\copy (SELECT …) TO '/dev/null' WITH (FORMAT csv)"`: psql runs
// COPY … TO STDOUT and the rows cross the socket to it, as they would to any client; /dev/null
// drops them. copy_baseline_ratio = export seconds / COPY seconds. The downloaded workbook is
// read back with ExcelJS's streaming reader and its rows counted. The last line is the issue's
// JSON object.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { Cleanup } from './support/cleanup.js';
import { HttpClient, type Session, signIn } from './support/http.js';
import { machineLoad, nationalDatabase } from './support/national.js';
import { cpuSplit, formatCpu, rssMb, sampleRss } from './support/proc.js';
import { startServer } from './support/server.js';
import { round } from './support/stats.js';

const run = promisify(execFile);

/** The rows the export reads: participants with their area and latest submitted data. */
const BASELINE_SQL = (
  collectionId: number,
) => `SELECT resp.id, r.name, m.name, o.code, o.short_name, resp.status,
       resp.started_at, resp.last_submitted_at, s.data
  FROM responses resp
  JOIN organizations o ON o.id = resp.organization_id
  JOIN municipalities m ON m.id = resp.municipality_id
  JOIN regions r ON r.code = resp.region_code
  LEFT JOIN submissions s ON s.response_id = resp.id AND s.submitted_at = resp.last_submitted_at
 WHERE resp.collection_id = ${collectionId}
 ORDER BY resp.id`;

async function copyBaseline(url: string, collectionId: number) {
  const query = BASELINE_SQL(collectionId).replace(/\s+/g, ' ');
  const t = performance.now();
  await run('psql', [
    url,
    '-X',
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    `\\copy (${query}) TO '/dev/null' WITH (FORMAT csv)`,
  ]);
  return (performance.now() - t) / 1000;
}

/** Saves the download to a file without holding it in memory. */
function download(baseUrl: string, p: string, session: Session, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${baseUrl}${p}`,
      { headers: { cookie: session.headers.cookie as string } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`download: ${res.statusCode}`));
          res.resume();
          return;
        }
        const out = fs.createWriteStream(file);
        res.pipe(out);
        out.on('finish', () => resolve(fs.statSync(file).size));
        out.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

/** Rows of each sheet, read as a stream. */
async function countRows(file: string) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets: { name: string; rows: number; columns: number }[] = [];
  for await (const sheet of reader) {
    let rows = 0;
    let columns = 0;
    for await (const row of sheet) {
      rows++;
      if (rows === 1) columns = row.cellCount;
    }
    sheets.push({ name: (sheet as unknown as { name: string }).name, rows, columns });
  }
  return sheets;
}

async function main() {
  const cleanup = new Cleanup();
  try {
    console.log('export: the national export to xlsx by the federal operator');
    const n = await nationalDatabase('export', cleanup, (line) => console.log(line));
    const d = n.dataset;
    const server = await startServer(n.url);
    cleanup.add(() => server.stop());
    const client = new HttpClient(server.url, 1);
    cleanup.add(async () => client.close());
    const admin = await signIn(client, d.logins.federal, d.password);

    // The baseline first, so that the export and COPY find the same rows in the same cache.
    await copyBaseline(n.url, d.collectionId); // warms the cache
    const copySeconds = await copyBaseline(n.url, d.collectionId);
    console.log(`COPY of the same rows to psql: ${copySeconds.toFixed(2)} s`);

    const idleRss = rssMb(server.pid) ?? 0;
    console.log(`exporting; server RSS before ${round(idleRss)} MB; ${machineLoad()}`);
    const rss = sampleRss(server.pid, 100);
    const cpu = await cpuSplit(server.pid, n.name);
    const t0 = performance.now();
    const asked = await client.request(
      'POST',
      `/api/monitoring/collections/${d.collectionId}/exports`,
      admin.headers,
      '{}',
    );
    if (asked.status !== 202) throw new Error(`export request: ${asked.status} ${asked.text}`);
    const jobId = (JSON.parse(asked.text) as { id: number }).id;
    let job: { status: string; progress: number; organizations: number; sizeBytes: number; error?: string };
    let lastProgress = -1;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const res = await client.request('GET', `/api/exports/${jobId}`, {
        cookie: admin.headers.cookie as string,
      });
      job = JSON.parse(res.text);
      if (job.status === 'done' || job.status === 'failed') break;
      if (job.progress >= lastProgress + 10) {
        lastProgress = job.progress;
        console.log(
          `  ${((performance.now() - t0) / 1000).toFixed(1)} s: ${job.status} ${job.progress} %, RSS ${round(rssMb(server.pid) ?? 0)} MB`,
        );
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const split = await cpu();
    const peak = rss.stop();
    console.log(`done; ${machineLoad()}`);
    if (job.status !== 'done') throw new Error(`export failed: ${job.error}`);
    console.log(`  ${formatCpu(split)}`);

    const file =
      process.env.BENCH_KEEP_XLSX || path.join(os.tmpdir(), `niko-bench-export-${process.pid}.xlsx`);
    if (!process.env.BENCH_KEEP_XLSX) cleanup.add(async () => fs.rmSync(file, { force: true }));
    const size = await download(server.url, `/api/exports/${jobId}/download`, admin, file);
    if (size !== job.sizeBytes) throw new Error(`downloaded ${size} bytes of ${job.sizeBytes}`);
    const sheets = await countRows(file);
    const main = sheets[0];
    if (!main || main.rows !== d.organizations + 1)
      throw new Error(`the workbook has ${main?.rows} rows, expected ${d.organizations + 1}`);

    console.log('');
    console.log(
      `export of ${job.organizations} organizations: ${seconds.toFixed(1)} s from request to done, ` +
        `server peak RSS ${round(peak)} MB (${round(idleRss)} MB before), file ${round(size / 1048576)} MB, ` +
        sheets.map((s) => `sheet «${s.name}» ${s.rows} rows × ${s.columns} columns`).join(', '),
    );
    console.log(
      `COPY … TO STDOUT of the same rows: ${copySeconds.toFixed(2)} s; the export takes ${(seconds / copySeconds).toFixed(1)}× as long`,
    );
    console.log(
      JSON.stringify({
        seconds: round(seconds),
        peak_rss_mb: round(peak),
        organizations: job.organizations,
        copy_baseline_ratio: round(seconds / copySeconds),
      }),
    );
  } finally {
    await cleanup.run();
  }
}

await main();
