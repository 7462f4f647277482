// Monitoring at national size (issue 5): «Общая статистика» of the largest region (Дагестан,
// 1,497 participants) for its coordinator, the national statistics for the federal operator
// (43,632 participants), and a page of «Список участников» filtered by status and sorted by the
// submission date. Through HTTP against the real server, one request at a time.
//
//   npm run bench -- monitoring        BENCH_REQUESTS (300 per case), BENCH_WARMUP_REQUESTS (30),
//                                      NATIONAL_DATABASE_URL (reuse a loaded database),
//                                      BENCH_CASES (some of the cases, comma-separated)
//
// Each round sends one request of every case in turn, so that a burst of other work on the
// machine falls on all cases alike. The last line is the JSON object.
import { performance } from 'node:perf_hooks';
import { Cleanup } from './support/cleanup.js';
import { HttpClient, type Session, signIn } from './support/http.js';
import { machineLoad, nationalDatabase } from './support/national.js';
import { cpuSplit, formatCpu, formatCpuPer } from './support/proc.js';
import { startServer } from './support/server.js';
import { Latencies, round } from './support/stats.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP_REQUESTS ?? 30);

type Case = {
  key: string;
  label: string;
  session: Session;
  path: string;
  /** Checks the answer once, so that a fast wrong answer is not measured. */
  check: (body: any) => string | null;
  latencies: Latencies;
};

async function main() {
  const cleanup = new Cleanup();
  try {
    console.log(`monitoring: ${REQUESTS} requests per case after ${WARMUP} warm-up, one at a time`);
    const n = await nationalDatabase('monitoring', cleanup, (line) => console.log(line));
    const d = n.dataset;
    const server = await startServer(n.url);
    cleanup.add(() => server.stop());
    const client = new HttpClient(server.url, 1);
    cleanup.add(async () => client.close());
    const regional = await signIn(client, d.logins.regional, d.password);
    const federal = await signIn(client, d.logins.federal, d.password);
    const get = (s: Session) => ({ cookie: s.headers.cookie as string });
    const base = `/api/monitoring/collections/${d.collectionId}`;
    const list = `${base}/participants?status=submitted&sort=submittedAt&dir=desc&pageSize=50`;
    const largest = d.largestRegion;
    const cases: Case[] = [
      {
        key: 'region_stats',
        label: `statistics of ${largest.name} (${largest.organizations}) as ${d.logins.regional}`,
        session: regional,
        path: `${base}/stats`,
        check: (b) => (b.total === largest.organizations ? null : `total ${b.total}`),
        latencies: new Latencies(),
      },
      {
        key: 'national_stats',
        label: `national statistics (${d.organizations}) as ${d.logins.federal}`,
        session: federal,
        path: `${base}/stats`,
        check: (b) =>
          b.total === d.organizations &&
          b.breakdown.length === 89 &&
          b.submitted === d.counts.submitted &&
          b.byDay.at(-1)?.cumulative === d.counts.submitted
            ? null
            : `total ${b.total}, ${b.breakdown.length} regions, ${b.byDay.at(-1)?.cumulative} by day`,
        latencies: new Latencies(),
      },
      {
        key: 'list_page',
        label: 'list, «Сдано», by submission date (newest first), page 1 of 50',
        session: federal,
        path: list,
        check: (b) =>
          b.rows.length === 50 && b.total === d.counts.submitted && b.rows[0].status === 'submitted'
            ? null
            : `${b.rows.length} rows of ${b.total}`,
        latencies: new Latencies(),
      },
      {
        key: 'list_page20',
        label: 'the same list, page 20',
        session: federal,
        path: `${list}&page=20`,
        check: (b) =>
          b.rows.length === 50 && b.total === d.counts.submitted ? null : `${b.rows.length} rows`,
        latencies: new Latencies(),
      },
    ];

    // BENCH_CASES=region_stats,list_page measures only those (to profile one of them).
    const only = process.env.BENCH_CASES?.split(',');
    if (only) cases.splice(0, cases.length, ...cases.filter((c) => only.includes(c.key)));
    const send = async (c: Case) => {
      const t = performance.now();
      const res = await client.request('GET', c.path, get(c.session));
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${c.key}: ${res.status} ${res.text.slice(0, 300)}`);
      return { ms, text: res.text };
    };
    for (const c of cases) {
      const problem = c.check(JSON.parse((await send(c)).text));
      if (problem) throw new Error(`${c.key}: unexpected answer: ${problem}`);
    }
    for (let i = 0; i < WARMUP; i++) for (const c of cases) await send(c);

    console.log(`measuring; ${machineLoad()}`);
    const cpu = await cpuSplit(server.pid, n.name);
    for (let i = 0; i < REQUESTS; i++) for (const c of cases) c.latencies.add((await send(c)).ms);
    const split = await cpu();
    console.log(`done; ${machineLoad()}`);
    console.log(`  ${formatCpu(split)}`);
    console.log(`  ${formatCpuPer(split, REQUESTS * cases.length, 'request')}`);
    console.log('');
    for (const c of cases) {
      const f = (p: number) => `${c.latencies.percentile(p).toFixed(1)} ms`;
      console.log(`${c.key.padEnd(15)} p50 ${f(50)}, p95 ${f(95)}, p99 ${f(99)}  — ${c.label}`);
    }
    const p95 = (key: string) =>
      round(cases.find((c) => c.key === key)?.latencies.percentile(95) ?? Number.NaN);
    console.log(
      JSON.stringify({
        region_stats_p95_ms: p95('region_stats'),
        national_stats_p95_ms: p95('national_stats'),
        list_page_p95_ms: p95('list_page'),
        list_page20_p95_ms: p95('list_page20'),
        organizations: d.organizations,
      }),
    );
  } finally {
    await cleanup.run();
  }
}

await main();
