// kill -9 under autosave load: organizations save like the browser's autosave queue while the
// server is killed (SIGKILL, no shutdown of any kind) and started again on the same port, several
// times. Then every change the server acknowledged is looked up in the database: none may be
// missing, and none may have been applied twice (a resend after a lost answer is a duplicate).
//
//   npm run bench -- crash             BENCH_SECONDS (60), BENCH_ORGS (200), BENCH_CRASHES (3),
//                                      BENCH_DOWN_SECONDS (2), BENCH_THINK_MS (250), BENCH_BATCH (8)
import { AutosaveLedger } from './support/autosave-client.js';
import { Cleanup } from './support/cleanup.js';
import { createBenchDatabase, vacuumAnalyze } from './support/database.js';
import {
  autosaveData,
  autosaveUsers,
  type Fault,
  faultRunJson,
  passed,
  printFaultRun,
  runWithFaults,
} from './support/fault-run.js';
import { HttpClient } from './support/http.js';
import { machineLoad } from './support/national.js';
import { type BenchServer, SERVER_MODE, startServer } from './support/server.js';
import { round } from './support/stats.js';
import { formatVerdict, verifyChanges } from './support/verify-changes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const ORGS = Number(process.env.BENCH_ORGS ?? 200);
const CRASHES = Number(process.env.BENCH_CRASHES ?? 3);
const DOWN_SECONDS = Number(process.env.BENCH_DOWN_SECONDS ?? 2);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 250);
const BATCH = Number(process.env.BENCH_BATCH ?? 8);

const log = (line: string) => console.log(line);

async function main() {
  log(
    `crash: ${ORGS} organizations autosaving (${BATCH} cells a batch, ${THINK_MS} ms between batches) for ${SECONDS} s, ` +
      `the server killed with SIGKILL ${CRASHES} times and started again after ${DOWN_SECONDS} s; ` +
      `server from ${SERVER_MODE === 'built' ? 'compiled JavaScript' : 'sources through tsx'}; ${machineLoad()}`,
  );
  const cleanup = new Cleanup();
  const database = await createBenchDatabase('crash');
  cleanup.add(() => database.drop());
  try {
    const { keys, participants } = await autosaveData(database, ORGS);
    await database.close();
    await vacuumAnalyze(database.url);
    let server: BenchServer = await startServer(database.url);
    cleanup.add(() => server.stop());
    const port = server.port;
    const client = new HttpClient(server.url, ORGS + 16, { timeoutMs: 45_000 });
    cleanup.add(async () => client.close());
    const ledger = new AutosaveLedger();
    const users = await autosaveUsers(client, participants, keys, ledger, {
      batch: BATCH,
      thinkMs: THINK_MS,
    });
    log(`signed in ${users.length} users`);

    const crash = async () => {
      server.signal('SIGKILL');
      const { signal } = await server.exited;
      await new Promise((r) => setTimeout(r, DOWN_SECONDS * 1000));
      const t = performance.now();
      server = await startServer(database.url, {}, { port });
      return {
        killed_by: String(signal),
        down_s: DOWN_SECONDS,
        start_s: round((performance.now() - t) / 1000),
      };
    };
    const faults: Fault[] = Array.from({ length: CRASHES }, (_, i) => ({
      at: ((i + 1) * SECONDS) / (CRASHES + 1),
      name: `kill -9 #${i + 1}`,
      act: crash,
    }));
    const results = await runWithFaults(users, ledger, SECONDS, faults, log);
    await server.stop();

    const verdict = await verifyChanges(
      database.url,
      ledger,
      participants.map((p) => p.responseId),
    );
    printFaultRun(ledger, results, log);
    log(formatVerdict(verdict));
    const ok = passed(verdict);
    log(ok ? 'PASS: 0 lost, 0 applied twice' : 'FAIL: acknowledged changes lost or applied twice');
    log(JSON.stringify({ crashes: CRASHES, users: ORGS, ...faultRunJson(ledger, results, verdict) }));
    process.exitCode = ok ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

await main();
