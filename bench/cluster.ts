// A real deployment on this machine, and three faults under load. HAProxy (Debian's package)
// runs deploy/haproxy.cfg in front of three server processes, which share one PostgreSQL cluster
// of the benchmark's own (pg_createcluster, on another port). First, checks that sessions, CSRF,
// the login limits and the export worker work whichever node answers. Then 200 organizations
// autosave through HAProxy, like the browser's queue, while:
//   1. one node is killed (kill -9) and, a little later, started again;
//   2. the database is restarted (pg_ctlcluster … restart);
//   3. one node is drained (SIGTERM) and started again, as systemd's Restart=always would.
// Then every acknowledged change is looked up in the database: 0 lost and 0 applied twice to pass.
//
//   npm run bench -- cluster           BENCH_SECONDS (120), BENCH_ORGS (200), BENCH_THINK_MS (1000),
//                                      BENCH_BATCH (8), BENCH_POOL_SIZE (20), BENCH_DOWN_SECONDS (10)
//
// Needs root (pg_createcluster) and HAProxy, which it installs with apt-get when missing.

import { freePort } from '../scripts/free-port.mjs';
import { AutosaveLedger } from './support/autosave-client.js';
import { Cleanup } from './support/cleanup.js';
import { type Check, crossNodeChecks } from './support/cross-node.js';
import { createBenchDatabase, vacuumAnalyze } from './support/database.js';
import { deployFilesCheck } from './support/deploy-files.js';
import {
  autosaveData,
  autosaveUsers,
  type Fault,
  faultRunJson,
  passed,
  printFaultRun,
  runWithFaults,
} from './support/fault-run.js';
import { ensureHaproxy, type Haproxy, startHaproxy, waitForServer } from './support/haproxy.js';
import { HttpClient } from './support/http.js';
import { machineLoad } from './support/national.js';
import { clusterToolsMissing, createPgCluster } from './support/pg-cluster.js';
import { type BenchServer, SERVER_MODE, startServer } from './support/server.js';
import { round } from './support/stats.js';
import { formatVerdict, verifyChanges } from './support/verify-changes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const ORGS = Number(process.env.BENCH_ORGS ?? 200);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const BATCH = Number(process.env.BENCH_BATCH ?? 8);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 20);
const DOWN_SECONDS = Number(process.env.BENCH_DOWN_SECONDS ?? 10);
const NODES = 3;
// Organizations beyond the load's, for the cross-node checks (their logins get locked out there):
// one signs in, one is locked out, 8 share the 31 failures from one address (at most 4 each).
const SPARE = 10;
// The nodes run with the default per-login limit (README) and a per-address limit of 30 (set below),
// which the checks reach.
const PER_LOGIN = 5;
const PER_IP = 30;

const log = (line: string) => console.log(line);

/** What a node's log said that an operator would look for, over all its restarts. */
const LOG_SIGNS = {
  connection_lost: 'database connection lost',
  database_unavailable: 'database unavailable',
  crashed: 'shutting down after an error',
} as const;

type Node = { name: string; port: number; server: BenchServer; log: Record<keyof typeof LOG_SIGNS, number> };

async function main() {
  const missing = clusterToolsMissing();
  if (missing) throw new Error(missing);
  const haproxyBinary = ensureHaproxy(log);
  log(
    `cluster: HAProxy (deploy/haproxy.cfg) → ${NODES} nodes (server from ${SERVER_MODE === 'built' ? 'compiled JavaScript' : 'sources through tsx'}, pool ${POOL_SIZE} each) → one PostgreSQL of its own; ` +
      `${ORGS} organizations autosaving (${BATCH} cells a batch, ${THINK_MS} ms between batches) for ${SECONDS} s; ${machineLoad()}`,
  );
  const cleanup = new Cleanup();
  try {
    const pg = await createPgCluster(cleanup, log, { max_connections: '100' });
    const database = await createBenchDatabase('cluster', { serverUrl: pg.serverUrl });
    cleanup.add(() => database.drop());
    const { keys, participants, collectionId } = await autosaveData(database, ORGS + SPARE);
    await database.close();
    await vacuumAnalyze(database.url);
    const load = participants.slice(0, ORGS);
    const spare = participants.slice(ORGS);

    // The per-address limit set low, so that the cross-node check needs only a few dozen guesses.
    const env = {
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES_PER_IP: String(PER_IP),
    };
    const nodes: Node[] = [];
    // A node's first start takes any free port (0); a restart keeps it, as HAProxy knows it by it.
    const start = (node: Pick<Node, 'port' | 'log'>) =>
      startServer(database.url, env, {
        port: node.port || undefined,
        onOutput: (text) => {
          for (const [key, sign] of Object.entries(LOG_SIGNS))
            node.log[key as keyof typeof LOG_SIGNS] += text.split(sign).length - 1;
        },
      });
    for (let i = 0; i < NODES; i++) {
      const counts = { connection_lost: 0, database_unavailable: 0, crashed: 0 };
      nodes.push({ name: `node${i + 1}`, port: 0, log: counts } as Node);
    }
    // Registered before they start, so that a node that started is stopped even if another did not.
    cleanup.add(() => Promise.all(nodes.map((n) => n.server?.stop())));
    const t0 = performance.now();
    await Promise.all(
      nodes.map(async (node) => {
        node.server = await start(node);
        node.port = node.server.port;
      }),
    );
    log(
      `${NODES} nodes ready in ${round((performance.now() - t0) / 1000)} s on ports ${nodes.map((n) => n.port).join(', ')}`,
    );
    const proxy: Haproxy = await startHaproxy(haproxyBinary, {
      port: await freePort(),
      nodes: nodes.map((n) => `127.0.0.1:${n.port}`),
    });
    cleanup.add(() => proxy.stop());
    log(
      `HAProxy ${proxy.url} sees ${(await proxy.servers()).map((s) => `${s.name} ${s.status}`).join(', ')}`,
    );

    const checks: Check[] = [
      deployFilesCheck(),
      ...(await crossNodeChecks(proxy.url, {
        logins: spare.map((p) => p.login),
        responseId: spare[0]!.responseId,
        adminLogin: 'benchadmin',
        collectionId,
        perLogin: PER_LOGIN,
        perIp: PER_IP,
      })),
    ];
    for (const c of checks)
      log(
        `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.nodes.length ? ` (${c.nodes.join(', ')})` : ''}: ${c.detail}`,
      );

    const client = new HttpClient(proxy.url, ORGS + 16, { timeoutMs: 45_000 });
    cleanup.add(async () => client.close());
    const ledger = new AutosaveLedger();
    const users = await autosaveUsers(client, load, keys, ledger, {
      batch: BATCH,
      thinkMs: THINK_MS,
      viaProxy: true,
    });
    log(`signed in ${users.length} users through HAProxy`);

    const seconds = (t: number) => round((performance.now() - t) / 1000);
    const restartNode = async (node: Node) => {
      const t = performance.now();
      node.server = await start(node);
      const started = seconds(t);
      const up = await waitForServer(proxy, node.name, 'UP');
      return { start_s: started, back_in_haproxy_s: round(started + up) };
    };
    const victim = nodes[1]!;
    const drained = nodes[2]!;
    const faults: Fault[] = [
      {
        at: SECONDS * 0.15,
        name: `kill -9 ${victim.name}`,
        act: async () => {
          const t = performance.now();
          victim.server.signal('SIGKILL');
          await victim.server.exited;
          await waitForServer(proxy, victim.name, 'DOWN');
          const down = seconds(t);
          const rest = DOWN_SECONDS - down;
          if (rest > 0) await new Promise((r) => setTimeout(r, rest * 1000));
          return { marked_down_s: down, ...(await restartNode(victim)) };
        },
      },
      {
        at: SECONDS * 0.45,
        name: 'restart PostgreSQL',
        act: async () => {
          const restart = await pg.restart();
          const t = performance.now();
          await Promise.all(nodes.map((n) => waitForServer(proxy, n.name, 'UP')));
          return { pg_ctlcluster_restart_s: round(restart), all_nodes_up_after_s: seconds(t) };
        },
      },
      {
        at: SECONDS * 0.75,
        name: `SIGTERM ${drained.name}`,
        act: async () => {
          const t = performance.now();
          drained.server.signal('SIGTERM');
          const { code } = await drained.server.exited;
          const exit = seconds(t);
          return { exit_code: String(code), exited_s: exit, ...(await restartNode(drained)) };
        },
      },
    ];
    const results = await runWithFaults(users, ledger, SECONDS, faults, log);
    const servers = await proxy.servers();

    const verdict = await verifyChanges(
      database.url,
      ledger,
      load.map((p) => p.responseId),
    );
    printFaultRun(ledger, results, log);
    log(
      'HAProxy: ' +
        servers
          .map((s) => `${s.name} ${s.status}, ${s.retries} retries, ${s.redispatches} redispatches`)
          .join('; '),
    );
    log(`answered by: ${JSON.stringify(Object.fromEntries(ledger.servedBy))}`);
    for (const n of nodes) log(`${n.name} log: ${JSON.stringify(n.log)}`);
    // Each state change comes twice: in HAProxy's log (stdout) and as a warning (stderr).
    const events = proxy
      .log()
      .filter((l) => !l.line.startsWith('[') && /Server nodes\/node\d is (DOWN|UP)/.test(l.line))
      .map((l) => `${ledger.secondsAt(l.at).toFixed(1)} s ${/node\d is \w+/.exec(l.line)?.[0]}`);
    log(`HAProxy saw: ${events.join('; ')}`);
    log(formatVerdict(verdict));
    const checksOk = checks.every((c) => c.ok);
    const ok = passed(verdict) && checksOk;
    log(ok ? 'PASS: 0 lost, 0 applied twice, every cross-node check held' : 'FAIL');
    log(
      JSON.stringify({
        nodes: NODES,
        users: ORGS,
        checks: Object.fromEntries(checks.map((c) => [c.name, c.ok])),
        ...faultRunJson(ledger, results, verdict),
        haproxy: Object.fromEntries(
          servers.map((s) => [s.name, { retries: s.retries, redispatches: s.redispatches }]),
        ),
        node_logs: Object.fromEntries(nodes.map((n) => [n.name, n.log])),
      }),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

await main();
