// «Сдать отчет» under load: organizations with a filled 250-cell form submit it over HTTP
// (POST /api/responses/:id/submit), CONCURRENCY requests in flight at all times, each
// organization submitting again and again: the last day of a collection.
//
//   npm run bench -- submit            BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (3),
//                                      BENCH_ORGS (500), BENCH_CONCURRENCY (50), BENCH_POOL_SIZE (20)
import { sql } from 'kysely';
import type { FormDefinitionInput } from '../src/shared/forms/definition.js';
import { cellKey, inputCellMap } from '../src/shared/forms/layout.js';
import { Cleanup } from './support/cleanup.js';
import { createBenchDatabase, vacuumAnalyze } from './support/database.js';
import { BENCH_PASSWORD, loadOrganizations, openCollection, type Participant } from './support/fixtures.js';
import { GRID_COLUMNS, GRID_ROWS, gridColumns, gridRows } from './support/grid-form.js';
import { HttpClient, type Session, signInAll } from './support/http.js';
import { reportFailure, runLoad } from './support/load.js';
import { cpuSplit, formatCpu, formatCpuPer, sampleRss } from './support/proc.js';
import { SERVER_MODE, startServer } from './support/server.js';
import { formatLatency, round } from './support/stats.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ORGS = Number(process.env.BENCH_ORGS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 20);

/** 25 rows × 10 required integer columns: 250 input cells, and a rule checked in every row. */
export const FORM_250: FormDefinitionInput = {
  title: 'Бенчмарк: форма на 250 ячеек',
  tables: [
    {
      key: 'grid',
      title: 'Показатели',
      columns: gridColumns((c) => (c === 0 ? 'Всего' : `Из них, группа ${c}`)),
      rows: {
        kind: 'fixed',
        items: gridRows(),
      },
    },
  ],
  rules: [
    {
      key: 'part_within_total',
      message: 'Группа 1 не может быть больше графы «Всего».',
      forEachRow: 'grid',
      left: ['grid.$row.c2'],
      op: '<=',
      right: ['grid.$row.c1'],
    },
  ],
};

/** The value of a cell of organization k: «Всего» large, the groups small, all valid. */
const cellValue = (k: number, r: number, c: number) =>
  String(c === 0 ? 1000 + ((k + r) % 500) : (k * 7 + r * 3 + c) % 100);

type Worker = { orgs: (Participant & { session?: Session })[]; next: number };

async function main() {
  console.log(
    `submit: ${ORGS} organizations with a filled ${GRID_ROWS * GRID_COLUMNS}-cell form, concurrency ${CONCURRENCY}, ` +
      `${SECONDS} s measured after ${WARMUP_SECONDS} s warm-up, pool ${POOL_SIZE}, server from ${SERVER_MODE === 'built' ? 'compiled JavaScript' : 'sources through tsx'}`,
  );
  const cleanup = new Cleanup();
  const database = await createBenchDatabase('submit');
  cleanup.add(() => database.drop());
  try {
    const t0 = performance.now();
    await loadOrganizations(database.db, ORGS);
    const { definition, participants } = await openCollection(database.db, FORM_250);
    const inputs = inputCellMap(definition).size;
    if (inputs !== GRID_ROWS * GRID_COLUMNS) throw new Error(`the form has ${inputs} input cells`);
    // Every cell filled, straight through SQL: setting up is not what is measured.
    const cells = participants.flatMap((p, k) =>
      Array.from({ length: GRID_ROWS * GRID_COLUMNS }, (_, i) => {
        const r = Math.floor(i / GRID_COLUMNS);
        const c = i % GRID_COLUMNS;
        return {
          response_id: p.responseId,
          cell_key: cellKey('grid', `r${r + 1}`, `c${c + 1}`),
          value: cellValue(k, r, c),
          version: 1,
          updated_by: p.userId,
        };
      }),
    );
    for (let i = 0; i < cells.length; i += 5000) {
      await database.db
        .insertInto('response_cells')
        .values(cells.slice(i, i + 5000))
        .execute();
    }
    await database.db
      .updateTable('responses')
      .set({ status: 'in_progress', started_at: sql`now()`, last_changed_at: sql`now()` })
      .execute();
    await database.close();
    console.log(
      `set-up: ${participants.length} organizations, ${cells.length} cells, ` +
        `${round((performance.now() - t0) / 1000)} s`,
    );

    await vacuumAnalyze(database.url);
    const server = await startServer(database.url, { DATABASE_POOL_SIZE: String(POOL_SIZE) });
    cleanup.add(() => server.stop());
    const client = new HttpClient(server.url, CONCURRENCY + 16);
    cleanup.add(async () => client.close());
    const rss = sampleRss(server.pid);
    const t1 = performance.now();
    const sessions = await signInAll(
      client,
      participants.map((p) => p.login),
      BENCH_PASSWORD,
    );
    const orgs = participants.map((p, i) => ({ ...p, session: sessions[i] }));
    console.log(`signed in ${sessions.length} sessions in ${round((performance.now() - t1) / 1000)} s`);

    // Each worker submits for its share of the organizations in turn.
    const workers: Worker[] = Array.from({ length: CONCURRENCY }, (_, w) => ({
      orgs: orgs.filter((_, i) => i % CONCURRENCY === w),
      next: 0,
    }));
    const c = client;
    const step = async (w: Worker) => {
      const org = w.orgs[w.next++ % w.orgs.length]!;
      const res = await c.request(
        'POST',
        `/api/responses/${org.responseId}/submit`,
        org.session!.headers,
        '{}',
      );
      if (res.status !== 200) {
        reportFailure(`submit ${res.status}`, res.text);
        return { units: 0, ok: false };
      }
      return { units: 1, ok: true };
    };
    const rssSignIn = rss.phase();
    await runLoad(workers, WARMUP_SECONDS, step, false);
    const cpu = await cpuSplit(server.pid, database.name);
    const measured = await runLoad(workers, SECONDS, step);
    const split = await cpu();
    const rssPeak = rss.phase();
    rss.stop();

    const s = measured.latencies.summary();
    const perS = measured.units / measured.seconds;
    console.log('');
    console.log(
      `server over HTTP (${CONCURRENCY} in flight): ${round(perS, 0)} submissions/s ` +
        `(${round((perS * GRID_ROWS * GRID_COLUMNS) / 1000, 1)}k cells/s checked and stored), errors ${measured.errors}; ` +
        `latency ${formatLatency(s)}`,
    );
    console.log(`  ${formatCpu(split)}`);
    console.log(`  ${formatCpuPer(split, measured.completed, 'submission')}`);
    console.log(
      `  server peak RSS ${round(rssPeak)} MB under load; during the ${ORGS} sign-ins ${round(rssSignIn)} MB`,
    );
    console.log(
      JSON.stringify({
        submissions_per_s: round(perS, 0),
        p99_ms: round(s.p99),
        concurrency: CONCURRENCY,
        cells_per_submission: GRID_ROWS * GRID_COLUMNS,
      }),
    );
  } finally {
    await cleanup.run();
  }
}

await main();
