// Ten minutes of mixed load on one server with the demo data, as a working day would bring it:
// schools autosaving and submitting, coordinators reading their monitoring lists and statistics,
// the federal operator preparing and downloading exports, readers opening publications and their
// files, people signing in and out. Every request must succeed; the server's memory must not grow.
//
//   npm run bench -- soak              BENCH_SECONDS (600), BENCH_WINDOW_SECONDS (60; shorter runs:
//                                      a fifth of the run), BENCH_AUTOSAVE_USERS (40)
//
// The JSON: p99 per window (minute) over all requests, errors, the server's RSS per window (its
// mean), and how the last window's RSS compares with the second's: it passes within 15 % either way. Then every change the
// autosaving schools were told was saved is looked up in the database, as the fault benchmarks do.
import { sql } from 'kysely';
import type { Db } from '../src/server/db/connection.js';
import { DEMO_PASSWORD, seedDemo } from '../src/server/demo/seed.js';
import type { FormDefinition } from '../src/shared/forms/definition.js';
import { inputCellMap } from '../src/shared/forms/layout.js';
import { AutosaveLedger, AutosaveUser } from './support/autosave-client.js';
import { Cleanup } from './support/cleanup.js';
import { createBenchDatabase, vacuumAnalyze } from './support/database.js';
import { HttpClient, type Session, signIn, signInAll } from './support/http.js';
import { reportFailure } from './support/load.js';
import { machineLoad } from './support/national.js';
import { cpuSeconds, machineCpuSeconds, rssMb } from './support/proc.js';
import { SERVER_MODE, startServer } from './support/server.js';
import { Latencies, round } from './support/stats.js';
import { formatVerdict, verifyChanges } from './support/verify-changes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 600);
const WINDOW = Number(process.env.BENCH_WINDOW_SECONDS ?? (SECONDS >= 300 ? 60 : SECONDS / 5));
const AUTOSAVE_USERS = Number(process.env.BENCH_AUTOSAVE_USERS ?? 40);
const RSS_TOLERANCE = 0.15;

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A pause of `ms` ± 50 %, so that the workers do not fall into step. */
const jitter = (ms: number) => sleep(ms * (0.5 + Math.random()));

/** Every request's latency by window and by kind, and the errors by kind and status. */
class Tally {
  readonly windows: Latencies[] = [];
  readonly kinds = new Map<string, Latencies>();
  readonly errors = new Map<string, number>();
  private readonly started = performance.now();

  elapsed() {
    return (performance.now() - this.started) / 1000;
  }

  add(kind: string, ms: number, error?: string) {
    const w = Math.floor(this.elapsed() / WINDOW);
    while (this.windows.length <= w) this.windows.push(new Latencies());
    this.windows[w]!.add(ms);
    if (!this.kinds.has(kind)) this.kinds.set(kind, new Latencies());
    this.kinds.get(kind)!.add(ms);
    if (error) {
      const key = `${kind}: ${error}`;
      this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
    }
  }

  errorCount() {
    return [...this.errors.values()].reduce((a, b) => a + b, 0);
  }
}

/** One timed request of `kind`; a status other than `expect` is an error. */
async function timed(
  rec: Tally,
  kind: string,
  client: HttpClient,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
  expect = 200,
) {
  const t = performance.now();
  try {
    const res = await client.request(
      method,
      path,
      headers,
      body === undefined ? undefined : JSON.stringify(body),
    );
    const error = res.status === expect ? undefined : String(res.status);
    if (error) reportFailure(`${kind} ${res.status}`, res.text);
    rec.add(kind, performance.now() - t, error);
    return error ? null : res;
  } catch (err) {
    rec.add(kind, performance.now() - t, (err as { code?: string }).code ?? 'network');
    return null;
  }
}

type Demo = {
  collectionId: number;
  keys: string[];
  /** Schools in the open collection that have not started: they autosave (no cells of the demo's to meet). */
  editors: { login: string; responseId: number }[];
  /** Schools that have submitted: they submit again (their data are complete). */
  submitters: { login: string; responseId: number }[];
};

async function findDemo(db: Db): Promise<Demo> {
  const collection = await db
    .selectFrom('collections')
    .select(['id', 'form_version_id'])
    .where('ends_at', '>', sql<Date>`now()`)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const schools = await db
    .selectFrom('responses as r')
    .innerJoin('users as u', 'u.organization_id', 'r.organization_id')
    .select(['u.login', 'r.id as responseId', 'r.status'])
    .where('r.collection_id', '=', collection.id)
    .where('u.role', '=', 'organization')
    .orderBy('r.id')
    .execute();
  const v = await db
    .selectFrom('form_versions')
    .select('definition')
    .where('id', '=', collection.form_version_id)
    .executeTakeFirstOrThrow();
  const definition = (
    typeof v.definition === 'string' ? JSON.parse(v.definition) : v.definition
  ) as FormDefinition;
  return {
    collectionId: collection.id,
    keys: [...inputCellMap(definition).values()].filter((c) => c.column.type === 'integer').map((c) => c.key),
    editors: schools.filter((s) => s.status === 'not_started'),
    submitters: schools.filter((s) => s.status === 'submitted'),
  };
}

/** The workers of the day; each loops until `until` (seconds on rec's clock). */
function workers(base: string, rec: Tally, demo: Demo, sessions: Map<string, Session>, until: number) {
  const client = new HttpClient(base, 64, { timeoutMs: 45_000 });
  const going = () => rec.elapsed() < until;
  const cookie = (s: Session) => ({ cookie: s.headers.cookie as string });
  const loop = async (pauseMs: number, step: () => Promise<unknown>) => {
    while (going()) {
      await step();
      await jitter(pauseMs);
    }
  };
  const admin = sessions.get('admin')!;
  const exporter = sessions.get('admin#exports')!;
  const regional = sessions.get('reg77')!;
  const reader = sessions.get('sch770001')!;
  const base_ = `/api/monitoring/collections/${demo.collectionId}`;
  let fileUrls: string[] = [];

  // Timed requests of one kind: a GET with the session's cookie, a POST with its CSRF headers too.
  const get = (kind: string, path: string, s: Session) => timed(rec, kind, client, 'GET', path, cookie(s));
  const post = (kind: string, path: string, s: Session, expect = 200) =>
    timed(rec, kind, client, 'POST', path, s.headers, {}, expect);

  const submit = demo.submitters
    .slice(0, 4)
    .map((s) =>
      loop(5000, () => post('submit', `/api/responses/${s.responseId}/submit`, sessions.get(s.login)!)),
    );
  const monitoring = [
    loop(1000, () => get('region stats', `${base_}/stats`, regional)),
    loop(1000, () => {
      const sort = ['name', 'status', 'submittedAt'][Math.floor(Math.random() * 3)];
      const page = 1 + Math.floor(Math.random() * 3);
      return get(
        'participants list',
        `${base_}/participants?sort=${sort}&page=${page}&pageSize=50`,
        regional,
      );
    }),
    loop(2000, () => get('national stats', `${base_}/stats`, admin)),
  ];
  const exports = loop(30_000, async () => {
    const asked = await post('export request', `${base_}/exports`, exporter, 202);
    if (!asked) return;
    const id = (JSON.parse(asked.text) as { id: number }).id;
    for (;;) {
      const state = await get('export poll', `/api/exports/${id}`, exporter);
      const status = state ? (JSON.parse(state.text) as { status: string }).status : 'failed';
      if (status === 'done') break;
      if (status === 'failed') return rec.add('export job', 0, 'failed');
      await sleep(500);
    }
    await get('export download', `/api/exports/${id}/download`, exporter);
  });
  const publications = [
    loop(2000, async () => {
      const list = await get('publication list', '/api/publications', reader);
      if (list) {
        const rows = (JSON.parse(list.text) as { rows: { files: { url: string }[] }[] }).rows;
        fileUrls = rows.flatMap((r) => r.files.map((f) => f.url));
      }
    }),
    loop(10_000, async () => {
      const url = fileUrls[Math.floor(Math.random() * fileUrls.length)];
      if (url) await get('publication file', url, reader);
    }),
  ];
  // A person arriving: a browser of its own signs in, looks at its session, signs out.
  const signIns = loop(5000, async () => {
    const who = demo.editors[AUTOSAVE_USERS + Math.floor(Math.random() * 50)]?.login ?? 'sch500001';
    const own = new HttpClient(base, 1, { timeoutMs: 45_000 });
    const t = performance.now();
    try {
      const s = await signIn(own, who, DEMO_PASSWORD);
      rec.add('sign-in', performance.now() - t);
      await timed(rec, 'session', own, 'GET', '/api/auth/session', cookie(s));
      await timed(rec, 'sign-out', own, 'POST', '/api/auth/logout', s.headers, {});
    } catch (err) {
      rec.add('sign-in', performance.now() - t, String((err as Error).message).slice(0, 40));
    } finally {
      own.close();
    }
  });
  return {
    all: Promise.all([...submit, ...monitoring, exports, ...publications, signIns]),
    close: () => client.close(),
  };
}

async function main() {
  log(
    `soak: ${SECONDS} s of mixed load (windows of ${WINDOW} s), ${AUTOSAVE_USERS} schools autosaving; ` +
      `server from ${SERVER_MODE === 'built' ? 'compiled JavaScript' : 'sources through tsx'}; ${machineLoad()}`,
  );
  const cleanup = new Cleanup();
  const database = await createBenchDatabase('soak');
  cleanup.add(() => database.drop());
  try {
    await seedDemo(database.db);
    const demo = await findDemo(database.db);
    await database.close();
    await vacuumAnalyze(database.url);
    const server = await startServer(database.url);
    cleanup.add(() => server.stop());
    const setup = new HttpClient(server.url, 16);
    cleanup.add(async () => setup.close());
    const editors = demo.editors.slice(0, AUTOSAVE_USERS);
    const submitters = demo.submitters.slice(0, 4);
    const logins = [
      'admin',
      'reg77',
      'sch770001',
      ...editors.map((e) => e.login),
      ...submitters.map((s) => s.login),
    ];
    const signed = await signInAll(setup, logins, DEMO_PASSWORD, 8);
    const sessions = new Map(signed.map((s) => [s.login, s]));
    sessions.set('admin#exports', await signIn(setup, 'admin', DEMO_PASSWORD));
    log(
      `demo data, ${logins.length + 1} sessions; ${demo.editors.length} schools can autosave, ${demo.submitters.length} submit`,
    );

    const rec = new Tally();
    const rss: number[][] = [];
    // CPU seconds per window: the server's, and the whole machine's (busy), to tell a slower server
    // from a busier machine.
    const cpu: number[] = [];
    const machine: number[] = [];
    let cpuBefore = cpuSeconds(server.pid);
    let machineBefore = machineCpuSeconds().busy;
    const sampler = setInterval(() => {
      const w = Math.floor(rec.elapsed() / WINDOW);
      while (rss.length <= w) rss.push([]);
      const v = rssMb(server.pid);
      if (v !== null) rss[w]!.push(v);
      while (cpu.length <= w) cpu.push(0);
      while (machine.length <= w) machine.push(0);
      const now = cpuSeconds(server.pid);
      cpu[w]! += now - cpuBefore;
      cpuBefore = now;
      const busy = machineCpuSeconds().busy;
      machine[w]! += busy - machineBefore;
      machineBefore = busy;
    }, 1000);
    const ledger = new AutosaveLedger();
    const client = new HttpClient(server.url, AUTOSAVE_USERS + 4, { timeoutMs: 45_000 });
    cleanup.add(async () => client.close());
    const autosavers = editors.map(
      (e, i) =>
        new AutosaveUser(i, client, sessions.get(e.login)!, e.responseId, demo.keys, ledger, {
          batch: 8,
          thinkMs: 1000,
          observe: (ms, error) => rec.add('autosave', ms, error),
        }),
    );
    const stopAt = performance.now() + SECONDS * 1000;
    const saving = Promise.all(
      autosavers.map((u) =>
        u.run(
          () => performance.now() > stopAt,
          () => stopAt + 60_000,
        ),
      ),
    );
    const others = workers(server.url, rec, demo, sessions, SECONDS);
    await Promise.all([saving, others.all]);
    others.close();
    clearInterval(sampler);

    log('');
    log('window   requests  p50 ms   p99 ms   server CPU  machine CPU  RSS mean MB  RSS max MB');
    const windows = rec.windows.map((l, i) => {
      const s = l.summary();
      const r = rss[i] ?? [];
      const mean = r.length ? r.reduce((a, b) => a + b, 0) / r.length : Number.NaN;
      const max = r.length ? Math.max(...r) : Number.NaN;
      log(
        `${String(i + 1).padStart(6)} ${String(s.count).padStart(10)} ${s.p50.toFixed(1).padStart(7)} ${s.p99.toFixed(1).padStart(8)} ` +
          `${`${round(((cpu[i] ?? 0) / WINDOW) * 100, 0)}%`.padStart(11)} ${`${round(((machine[i] ?? 0) / WINDOW) * 100, 0)}%`.padStart(12)} ` +
          `${mean.toFixed(1).padStart(12)} ${max.toFixed(1).padStart(11)}`,
      );
      return { requests: s.count, p99_ms: round(s.p99), rss_mb: round(mean) };
    });
    log('');
    for (const [kind, l] of [...rec.kinds].sort()) {
      const s = l.summary();
      log(
        `${kind.padEnd(18)} ${String(s.count).padStart(7)} requests, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`,
      );
    }
    const verdict = await verifyChanges(
      database.url,
      ledger,
      editors.map((e) => e.responseId),
    );
    log(formatVerdict(verdict));
    // Full windows only: the last one may be a few requests after the end.
    const full = windows.filter((w, i) => i < Math.floor(SECONDS / WINDOW) && Number.isFinite(w.rss_mb));
    const second = full[1]?.rss_mb ?? Number.NaN;
    const last = full.at(-1)?.rss_mb ?? Number.NaN;
    const growth = (last - second) / second;
    const errors = rec.errorCount();
    // Within 15 % either way, as the issue asks: a leak shows as growth, and a fall that large would
    // mean minute 2 was no steady state to compare with.
    const ok =
      errors === 0 && Math.abs(growth) <= RSS_TOLERANCE && verdict.lost === 0 && verdict.duplicated === 0;
    log(
      `errors ${errors}${errors ? ` ${JSON.stringify(Object.fromEntries(rec.errors))}` : ''}; RSS window 2 ${second} MB → last ${last} MB (${round(growth * 100)} %)`,
    );
    log(ok ? 'PASS: no errors, memory flat' : 'FAIL');
    log(
      JSON.stringify({
        seconds: SECONDS,
        window_s: WINDOW,
        requests: windows.reduce((a, w) => a + w.requests, 0),
        errors,
        error_kinds: Object.fromEntries(rec.errors),
        p99_ms_per_window: windows.map((w) => w.p99_ms),
        rss_mb_per_window: windows.map((w) => w.rss_mb),
        rss_growth_pct: round(growth * 100),
        server_cpu_pct_per_window: cpu.map((c) => round((c / WINDOW) * 100, 0)),
        machine_cpu_pct_per_window: machine.map((c) => round((c / WINDOW) * 100, 0)),
        autosave: { acknowledged: verdict.acknowledged, lost: verdict.lost, duplicated: verdict.duplicated },
      }),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

await main();
