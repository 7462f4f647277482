// The shape shared by the fault benchmarks (crash, cluster): organizations that autosave like the
// browser, faults done to the deployment at set times while they do, then every acknowledged change
// looked up in the database (verify-changes.ts).
import { NIKO_CONTEXT_FORM } from '../../src/server/demo/niko-form.js';
import { inputCellMap } from '../../src/shared/forms/layout.js';
import { type AutosaveLedger, type AutosaveOptions, AutosaveUser } from './autosave-client.js';
import type { BenchDatabase } from './database.js';
import { BENCH_PASSWORD, loadOrganizations, openCollection, type Participant } from './fixtures.js';
import { type HttpClient, signInAll } from './http.js';
import { round } from './stats.js';
import type { Verdict } from './verify-changes.js';

/** `count` organizations with accounts, in an open collection of the demo НИКО form. */
export async function autosaveData(database: BenchDatabase, count: number) {
  await loadOrganizations(database.db, count);
  const { definition, participants, collectionId } = await openCollection(database.db, NIKO_CONTEXT_FORM);
  const keys = [...inputCellMap(definition).values()]
    .filter((c) => c.column.type === 'integer')
    .map((c) => c.key);
  return { keys, participants, collectionId };
}

/** Signs `participants` in through `client` and makes each an autosaving user. */
export async function autosaveUsers(
  client: HttpClient,
  participants: Participant[],
  keys: string[],
  ledger: AutosaveLedger,
  options: AutosaveOptions,
) {
  const sessions = await signInAll(
    client,
    participants.map((p) => p.login),
    BENCH_PASSWORD,
  );
  return participants.map(
    (p, i) => new AutosaveUser(i, client, sessions[i]!, p.responseId, keys, ledger, options),
  );
}

export type Fault = {
  /** Seconds into the load. */
  at: number;
  name: string;
  /** Does the fault (and the repair, if any); resolves with figures about it. */
  act: () => Promise<Record<string, number | string>>;
};

export type FaultResult = {
  name: string;
  at: number;
  figures: Record<string, number | string>;
  felt: ReturnType<AutosaveLedger['feltBetween']>;
};

/**
 * Runs the users for `seconds` and the faults at their times, one after the other; then lets every
 * user get its last batch answered (for up to `drainSeconds`). How each fault was felt is counted
 * from its start to the next fault's (or the end of the drain).
 */
export async function runWithFaults(
  users: AutosaveUser[],
  ledger: AutosaveLedger,
  seconds: number,
  faults: Fault[],
  log: (line: string) => void,
  drainSeconds = 120,
): Promise<FaultResult[]> {
  let stopping = false;
  let giveUpAt = Number.POSITIVE_INFINITY;
  ledger.startClock();
  const running = Promise.all(
    users.map((u) =>
      u.run(
        () => stopping,
        () => giveUpAt,
      ),
    ),
  );
  const done: { name: string; at: number; figures: Record<string, number | string> }[] = [];
  const started = ledger.now();
  try {
    for (const f of faults) {
      const wait = started + f.at - ledger.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait * 1000));
      const at = ledger.now();
      log(`${at.toFixed(1).padStart(6)} s  ${f.name}`);
      const figures = await f.act();
      log(`${ledger.now().toFixed(1).padStart(6)} s    ${JSON.stringify(figures)}`);
      done.push({ name: f.name, at, figures });
    }
  } catch (err) {
    // A fault that went wrong (a node that would not start again) ends the run: the users stop at once.
    stopping = true;
    giveUpAt = 0;
    await running;
    throw err;
  }
  const rest = started + seconds - ledger.now();
  if (rest > 0) await new Promise((r) => setTimeout(r, rest * 1000));
  log(
    `${ledger.now().toFixed(1).padStart(6)} s  load ends; every user's last batch is resent until answered`,
  );
  stopping = true;
  giveUpAt = performance.now() + drainSeconds * 1000;
  await running;
  const end = ledger.now();
  log(`${end.toFixed(1).padStart(6)} s  all users done`);
  return done.map((d, i) => ({ ...d, felt: ledger.feltBetween(d.at, done[i + 1]?.at ?? end + 1) }));
}

/** The time line (acknowledged batches and errors per 5 s) and how each fault was felt. */
export function printFaultRun(ledger: AutosaveLedger, results: FaultResult[], log: (line: string) => void) {
  log('');
  log('time line (per 5 s: batches acknowledged / requests that failed):');
  const rows = ledger.timeline(5).map((r) => `${r.from}s ${r.ok}/${r.errors}`);
  for (let i = 0; i < rows.length; i += 8) log(`  ${rows.slice(i, i + 8).join('  ')}`);
  for (const r of results) {
    const f = r.felt;
    log(
      `${r.name} at ${r.at.toFixed(1)} s: ${f.sessionsAffected} users saw errors ${JSON.stringify(f.errors)}; ` +
        `last error after ${f.lastErrorSeconds.toFixed(1)} s; every one of them saving again after ` +
        `${f.recoveredSeconds.toFixed(1)} s${f.sessionsNotRecovered ? ` (${f.sessionsNotRecovered} never did)` : ''}`,
    );
  }
}

/** The JSON figures of a fault run: the verdict, the errors users saw, and each fault's recovery. */
export function faultRunJson(ledger: AutosaveLedger, results: FaultResult[], verdict: Verdict) {
  return {
    acknowledged: verdict.acknowledged,
    found: verdict.found,
    lost: verdict.lost,
    duplicated: verdict.duplicated,
    mismatched: verdict.mismatched,
    broken_chains: verdict.broken_chains,
    cell_mismatches: verdict.cell_mismatches,
    requests: ledger.requests,
    resends: ledger.resends,
    duplicate_answers: ledger.duplicateAnswers,
    abandoned: ledger.abandoned,
    errors: Object.fromEntries(ledger.errors),
    faults: results.map((r) => ({
      fault: r.name,
      at_s: round(r.at),
      ...r.figures,
      users_affected: r.felt.sessionsAffected,
      errors: r.felt.errors,
      last_error_s: round(r.felt.lastErrorSeconds),
      recovered_s: round(r.felt.recoveredSeconds),
    })),
  };
}

/** 0 lost and 0 duplicated (and nothing stored differently) is a pass. */
export function passed(verdict: Verdict) {
  return verdict.lost === 0 && verdict.duplicated === 0 && verdict.mismatched === 0;
}
