// A year of data: is autosave as fast on a database holding a national year of history as on
// empty tables? Two databases are built the same way (BENCH_ORGS organizations with accounts);
// one of them also gets the history (bench/support/history.ts): the registry's 43,632
// organizations and BENCH_HISTORY_COLLECTIONS earlier collections with BENCH_HISTORY_ROWS cell
// changes among them, generated in SQL. A server runs on each. Then, in BENCH_ROUNDS rounds, each
// database in turn (the order alternating, so that neither always runs first) gets a new open
// collection and the autosave load of `npm run bench -- autosave`: 3 s warm-up, the closed loop
// (the JSON figures) and the paced phase. Passes when the loaded database's median throughput
// and p99 are within 20 % of the empty one's. Both databases are dropped at the end.
//
//   npm run bench -- history      BENCH_HISTORY_ROWS (55,000,000), BENCH_HISTORY_COLLECTIONS (5),
//                                 BENCH_ROUNDS (3), and autosave's BENCH_SECONDS, BENCH_ORGS, …
import fs from 'node:fs';
import pg from 'pg';
import { NIKO_CONTEXT_FORM } from '../src/server/demo/niko-form.js';
import * as autosave from './support/autosave-load.js';
import { Cleanup } from './support/cleanup.js';
import { type BenchDatabase, createBenchDatabase } from './support/database.js';
import { BENCH_PASSWORD, loadOrganizations, openCollection } from './support/fixtures.js';
import { loadHistory } from './support/history.js';
import { HttpClient, type Session, signInAll } from './support/http.js';
import { runLoad, runPaced } from './support/load.js';
import { machineLoad } from './support/national.js';
import { cpuSplit, formatCpu, formatCpuPer } from './support/proc.js';
import { type BenchServer, SERVER_MODE, startServer } from './support/server.js';
import { round } from './support/stats.js';

const HISTORY_ROWS = Number(process.env.BENCH_HISTORY_ROWS ?? 55_000_000);
const HISTORY_COLLECTIONS = Number(process.env.BENCH_HISTORY_COLLECTIONS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** What a row of history takes on disk, its two indexes included (measured: ~200 bytes). */
const BYTES_PER_ROW = 200;

type Target = {
  label: 'empty' | 'loaded';
  database: BenchDatabase;
  server?: BenchServer;
  client?: HttpClient;
  sessions?: Map<string, Session>;
};
type Round = { cellsPerS: number; p50: number; p99: number; pacedP99: number; cpuMsPerBatch: number };

const log = (line: string) => console.log(line);

/** Refuses to start a load that the database's disk cannot hold. */
async function checkDisk(url: string) {
  const need = HISTORY_ROWS * BYTES_PER_ROW;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const dir = (await c.query<{ data_directory: string }>('SHOW data_directory')).rows[0]?.data_directory;
    const stat = dir ? fs.statfsSync(dir) : undefined;
    const free = stat ? stat.bavail * stat.bsize : undefined;
    log(
      `the history needs ≈ ${round(need / 1e9)} GB; free where PostgreSQL keeps its data: ` +
        `${free === undefined ? 'unknown' : `${round(free / 1e9)} GB`}`,
    );
    if (free !== undefined && free < need * 1.5) throw new Error('not enough free disk for the history');
  } catch (err) {
    if ((err as Error).message.startsWith('not enough')) throw err;
    log(`  (free disk not checked: ${String(err)})`);
  } finally {
    await c.end();
  }
}

async function prepare(label: Target['label'], cleanup: Cleanup): Promise<Target> {
  const database = await createBenchDatabase(`history_${label}`);
  cleanup.add(() => database.drop());
  await loadOrganizations(database.db, autosave.ORGS);
  return { label, database };
}

async function startAndSignIn(t: Target, cleanup: Cleanup) {
  // Sessions last the whole run, whichever database is being measured meanwhile.
  t.server = await startServer(t.database.url, {
    DATABASE_POOL_SIZE: String(autosave.POOL_SIZE),
    SESSION_IDLE_MINUTES: '600',
  });
  cleanup.add(() => t.server?.stop() ?? Promise.resolve());
  t.client = new HttpClient(t.server.url, autosave.ORGS + 16);
  cleanup.add(async () => t.client?.close());
  const logins = (
    await t.database.db.selectFrom('users').select('login').where('login', 'like', 'bench%').execute()
  ).map((u) => u.login);
  const sessions = await signInAll(t.client, logins, BENCH_PASSWORD);
  t.sessions = new Map(sessions.map((s) => [s.login, s]));
}

/** One round on one database: a new open collection, then the autosave load on it. */
async function measure(t: Target): Promise<Round> {
  const { definition, participants, collectionId } = await openCollection(t.database.db, NIKO_CONTEXT_FORM);
  const keys = autosave.integerCells(definition);
  const orgs = autosave.orgsOf(participants, keys);
  for (const o of orgs) o.session = t.sessions?.get(o.login);
  // The planner learns the new collection's size, on both databases alike.
  await t.database.pool.query(
    `VACUUM ANALYZE responses, response_cells, sessions, cell_changes_c${collectionId}`,
  );
  const step = autosave.serverStep(t.client as HttpClient, keys);
  await runLoad(orgs, autosave.WARMUP_SECONDS, step, false);
  const cpu = await cpuSplit(t.server?.pid ?? null, t.database.name);
  const closed = await runLoad(orgs, autosave.SECONDS, step);
  const split = await cpu();
  const paced =
    autosave.PACED_CELLS_PER_S > 0
      ? await runPaced(orgs, autosave.SECONDS, autosave.pacedIntervalMs(), step)
      : undefined;
  const s = autosave.report(`  ${t.label}: server over HTTP (${orgs.length} sessions)`, closed);
  log(`    ${formatCpu(split)}`);
  log(`    ${formatCpuPer(split, closed.completed, 'batch')}`);
  const p = paced && autosave.report(`  ${t.label}: ${autosave.pacedName()}`, paced);
  return {
    cellsPerS: s.cellsPerS,
    p50: s.p50,
    p99: s.p99,
    pacedP99: p?.p99 ?? Number.NaN,
    cpuMsPerBatch: ((split.server + split.postgres) * 1000) / Math.max(1, closed.completed),
  };
}

/**
 * Index and sequential scans of the history's partitions so far: autosave on the new collection
 * must not read them at all, and this shows whether it does.
 */
async function historyScans(pool: pg.Pool, partitions: string[]) {
  const { rows } = await pool.query<{ scans: string | null }>(
    `SELECT sum(seq_scan + coalesce(idx_scan, 0)) AS scans FROM pg_stat_user_tables WHERE relname = ANY($1)`,
    [partitions],
  );
  return Number(rows[0]?.scans ?? 0);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function summary(rounds: Round[]) {
  return {
    cell_saves_per_s: round(median(rounds.map((r) => r.cellsPerS)), 0),
    p50_ms: round(median(rounds.map((r) => r.p50))),
    p99_ms: round(median(rounds.map((r) => r.p99))),
    paced_p99_ms: round(median(rounds.map((r) => r.pacedP99))),
    cpu_ms_per_batch: round(median(rounds.map((r) => r.cpuMsPerBatch)), 2),
  };
}

async function main() {
  log(
    `history: ${HISTORY_ROWS.toLocaleString('en')} cell changes in ${HISTORY_COLLECTIONS} earlier collections; ` +
      `${ROUNDS} rounds of autosave (${autosave.ORGS} organizations, ${autosave.SECONDS} s measured after ${autosave.WARMUP_SECONDS} s warm-up, ` +
      `pool ${autosave.POOL_SIZE}, server from ${SERVER_MODE === 'built' ? 'compiled JavaScript' : 'sources through tsx'}); ${machineLoad()}`,
  );
  const cleanup = new Cleanup();
  try {
    const empty = await prepare('empty', cleanup);
    await checkDisk(empty.database.url);
    const loaded = await prepare('loaded', cleanup);
    const t0 = performance.now();
    log(`loading the history into ${loaded.database.name}`);
    const rows = await loadHistory(loaded.database.pool, {
      rows: HISTORY_ROWS,
      collections: HISTORY_COLLECTIONS,
      log: (line) => log(`  ${line}`),
    });
    const size = (
      await loaded.database.pool.query<{ size: string }>(
        `SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) AS size FROM pg_inherits
          WHERE inhparent = 'cell_changes'::regclass`,
      )
    ).rows[0]?.size;
    log(
      `history loaded: ${rows.toLocaleString('en')} rows of cell_changes (${size} with indexes) in ` +
        `${round((performance.now() - t0) / 1000, 0)} s`,
    );
    for (const t of [empty, loaded]) await startAndSignIn(t, cleanup);
    const partitions = (
      await loaded.database.pool.query<{ name: string }>(
        `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'cell_changes'::regclass`,
      )
    ).rows.map((r) => r.name);
    const scansBefore = await historyScans(loaded.database.pool, partitions);

    const results: Record<Target['label'], Round[]> = { empty: [], loaded: [] };
    for (let r = 1; r <= ROUNDS; r++) {
      const order = r % 2 === 1 ? [empty, loaded] : [loaded, empty];
      log(`\nround ${r} (${order.map((t) => t.label).join(', then ')}); ${machineLoad()}`);
      for (const t of order) results[t.label].push(await measure(t));
    }

    // The statistics are flushed within a second of each transaction; a pause lets the last ones in.
    await new Promise((r) => setTimeout(r, 2000));
    const historyScansDuring = (await historyScans(loaded.database.pool, partitions)) - scansBefore;
    log(
      `\nscans of the ${partitions.length} earlier collections' partitions during the rounds: ${historyScansDuring}`,
    );
    const e = summary(results.empty);
    const l = summary(results.loaded);
    const throughputRatio = round(l.cell_saves_per_s / e.cell_saves_per_s, 2);
    const p99Ratio = round(l.p99_ms / e.p99_ms, 2);
    log('\nmedians over the rounds (closed loop; paced p99; server and PostgreSQL CPU ms per batch):');
    for (const [label, s] of [
      ['empty', e],
      ['loaded', l],
    ] as const) {
      log(
        `  ${label.padEnd(6)} ${s.cell_saves_per_s} cells/s, p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms; ` +
          `paced p99 ${s.paced_p99_ms} ms; ${s.cpu_ms_per_batch} ms CPU per batch`,
      );
    }
    const passed = throughputRatio >= 0.8 && p99Ratio <= 1.2;
    log(
      `  loaded / empty: throughput ${throughputRatio}, p99 ${p99Ratio} → ${passed ? 'within' : 'NOT within'} 20 %`,
    );
    console.log(
      JSON.stringify({
        history_rows: rows,
        history_collections: HISTORY_COLLECTIONS,
        history_partition_scans: historyScansDuring,
        rounds: ROUNDS,
        empty: e,
        loaded: l,
        throughput_ratio: throughputRatio,
        p99_ratio: p99Ratio,
        passed,
      }),
    );
    if (!passed) process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

await main();
