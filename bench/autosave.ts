// Autosave under load: 500 organizations, each signed in with its own session, save batches of
// cells over HTTP at the same time (POST /api/responses/:id/changes, every request in flight at
// once), against the same upserts sent straight through `pg` at the same concurrency.
//
//   npm run bench -- autosave          BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (3),
//                                      BENCH_ORGS (500), BENCH_BATCH (8), BENCH_POOL_SIZE (20),
//                                      BENCH_PACED_CELLS_PER_S (3000; 0 skips the paced phase),
//                                      BENCH_BASELINE=0 skips the pg baseline (while profiling)
import pg from 'pg';
import { NIKO_CONTEXT_FORM } from '../src/server/demo/niko-form.js';
import { inputCellMap } from '../src/shared/forms/layout.js';
import {
  BATCH,
  integerCells,
  nextBatch,
  ORGS,
  type Org,
  orgsOf,
  PACED_CELLS_PER_S,
  POOL_SIZE,
  pacedIntervalMs,
  pacedName,
  report,
  SECONDS,
  serverStep,
  WARMUP_SECONDS,
} from './support/autosave-load.js';
import { Cleanup } from './support/cleanup.js';
import { createBenchDatabase, vacuumAnalyze } from './support/database.js';
import { BENCH_PASSWORD, loadOrganizations, openCollection } from './support/fixtures.js';
import { HttpClient, signInAll } from './support/http.js';
import { type Phase, reportFailure, runLoad, runPaced } from './support/load.js';
import { type CpuSplit, cpuSplit, formatCpu, formatCpuPer, sampleRss } from './support/proc.js';
import { SERVER_MODE, startServer } from './support/server.js';
import { round } from './support/stats.js';

const WITH_BASELINE = process.env.BENCH_BASELINE !== '0';

/**
 * The same writes as the server's, straight through pg: in one transaction, the batch's cells
 * upserted and a history line per change, as prepared statements (the fastest plain way to send
 * them). No session, no lock, no checks, no HTTP.
 */
function baselineStep(pool: pg.Pool, keys: string[], collectionId: number) {
  const rowsOf = (n: number, width: number, extra: (i: number) => string) =>
    Array.from({ length: n }, (_, r) => {
      const params = Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`);
      return `(${params.join(', ')}${extra(r)})`;
    }).join(', ');
  const upsertSql =
    'insert into "response_cells" ("response_id", "cell_key", "value", "version", "updated_at", "updated_by") values ' +
    rowsOf(BATCH, 4, () => `, now(), $${BATCH * 4 + 1}`) +
    ' on conflict ("response_id", "cell_key") do update set "value" = "excluded"."value", "version" = "excluded"."version", "updated_at" = "excluded"."updated_at", "updated_by" = "excluded"."updated_by"';
  const historySql =
    'insert into "cell_changes" ("collection_id", "change_id", "response_id", "cell_key", "old_value", "new_value", "version", "user_id", "user_login", "ip") values ' +
    rowsOf(BATCH, 10, () => '');
  return async (org: Org) => {
    const changes = nextBatch(org, keys);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query({
        name: 'bench_upsert',
        text: upsertSql,
        values: [...changes.flatMap((c) => [org.responseId, c.cell, c.value, c.base + 1]), org.userId],
      });
      await client.query({
        name: 'bench_history',
        text: historySql,
        values: changes.flatMap((c) => [
          collectionId,
          c.id,
          org.responseId,
          c.cell,
          c.base === 0 ? null : String(c.base % 5000),
          c.value,
          c.base + 1,
          org.userId,
          org.login,
          '127.0.0.1',
        ]),
      });
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      reportFailure('baseline', (err as Error).message);
      return { units: 0, ok: false };
    } finally {
      client.release();
    }
    for (const c of changes) org.versions.set(c.cell, c.base + 1);
    return { units: changes.length, ok: true };
  };
}

/** How each table was read during the run: sequential scans here mean a bad plan. */
async function printScans(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query(
    `SELECT relname, seq_scan, seq_tup_read, idx_scan, n_live_tup, last_autoanalyze IS NOT NULL AS analyzed
       FROM pg_stat_user_tables WHERE relname IN ('response_cells', 'cell_changes', 'responses', 'sessions')`,
  );
  console.log(rows);
  await c.end();
}

async function main() {
  console.log(
    `autosave: ${ORGS} organizations, ${BATCH} cells per batch, concurrency ${ORGS}, ` +
      `${SECONDS} s measured after ${WARMUP_SECONDS} s warm-up, pool ${POOL_SIZE}, server from ${SERVER_MODE === 'built' ? 'compiled JavaScript' : 'sources through tsx'}`,
  );
  const cleanup = new Cleanup();
  const database = await createBenchDatabase('autosave');
  cleanup.add(() => database.drop());
  try {
    const t0 = performance.now();
    await loadOrganizations(database.db, ORGS);
    const { definition, participants, collectionId } = await openCollection(database.db, NIKO_CONTEXT_FORM);
    const keys = integerCells(definition);
    const orgs: Org[] = orgsOf(participants, keys);
    await database.close();
    console.log(
      `set-up: ${orgs.length} organizations, form with ${inputCellMap(definition).size} input cells ` +
        `(${keys.length} integer ones written), ${round((performance.now() - t0) / 1000)} s`,
    );

    // Baseline first: the same batches through pg, 500 callers queueing on a pool of POOL_SIZE.
    let baseline: Phase | undefined;
    let baselineCpu: CpuSplit | undefined;
    if (WITH_BASELINE) {
      await vacuumAnalyze(database.url);
      const baselinePool = new pg.Pool({ connectionString: database.url, max: POOL_SIZE });
      cleanup.add(() => baselinePool.end().catch(() => {}));
      const base = baselineStep(baselinePool, keys, collectionId);
      await runLoad(orgs, WARMUP_SECONDS, base, false);
      const baseCpu = await cpuSplit(null, database.name);
      baseline = await runLoad(orgs, SECONDS, base);
      baselineCpu = await baseCpu();
      await baselinePool.end();
    }

    await vacuumAnalyze(database.url);
    const server = await startServer(database.url, { DATABASE_POOL_SIZE: String(POOL_SIZE) });
    cleanup.add(() => server.stop());
    const client = new HttpClient(server.url, ORGS + 16);
    cleanup.add(async () => client.close());
    const rss = sampleRss(server.pid);
    const t1 = performance.now();
    const sessions = await signInAll(
      client,
      orgs.map((o) => o.login),
      BENCH_PASSWORD,
    );
    sessions.forEach((s, i) => {
      orgs[i]!.session = s;
    });
    console.log(`signed in ${sessions.length} sessions in ${round((performance.now() - t1) / 1000)} s`);

    const rssSignIn = rss.phase();
    const step = serverStep(client, keys);
    await runLoad(orgs, WARMUP_SECONDS, step, false);
    const cpu = await cpuSplit(server.pid, database.name);
    const measured = await runLoad(orgs, SECONDS, step);
    const serverCpu = await cpu();
    const rssClosed = rss.phase();
    let paced: Phase | undefined;
    if (PACED_CELLS_PER_S > 0) paced = await runPaced(orgs, SECONDS, pacedIntervalMs(), step);
    const rssPaced = rss.phase();
    rss.stop();
    // The server's memory under load: the measured phases, warm-up included, not the sign-ins.
    const rssPeak = Math.max(rssClosed, paced ? rssPaced : 0);
    if (process.env.BENCH_VERBOSE) await printScans(database.url);

    console.log('');
    const b = baseline && report(`pg baseline (pool ${POOL_SIZE}, ${ORGS} callers)`, baseline);
    if (baselineCpu && baseline) {
      console.log(`  ${formatCpu(baselineCpu)}`);
      console.log(`  ${formatCpuPer(baselineCpu, baseline.completed, 'batch')}`);
    }
    const s = report(`server over HTTP (${ORGS} sessions)`, measured);
    console.log(`  ${formatCpu(serverCpu)}`);
    console.log(`  ${formatCpuPer(serverCpu, measured.completed, 'batch')}`);
    if (paced) report(pacedName(), paced);
    console.log(
      `  server peak RSS ${round(rssPeak)} MB under load (closed loop ${round(rssClosed)} MB` +
        `${paced ? `, paced ${round(rssPaced)} MB` : ''}); during the ${ORGS} sign-ins ${round(rssSignIn)} MB`,
    );
    const ratio = b ? s.cellsPerS / b.cellsPerS : Number.NaN;
    console.log(`  baseline ratio ${round(ratio, 2)}`);
    console.log(
      JSON.stringify({
        cell_saves_per_s: round(s.cellsPerS, 0),
        p50_ms: round(s.p50),
        p99_ms: round(s.p99),
        baseline_ratio: round(ratio, 2),
        rss_mb: round(rssPeak),
      }),
    );
  } finally {
    await cleanup.run();
  }
}

await main();
