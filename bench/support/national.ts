// The national dataset (scripts/load-national.ts) for a benchmark: a fresh database, created,
// loaded, and dropped at the end — also when the run fails or is interrupted (Ctrl-C). With
// NATIONAL_DATABASE_URL, a database loaded earlier is used as it is and left in place, so that a
// benchmark can be run again without loading 5 million cells each time.
import os from 'node:os';
import pg from 'pg';
import { findNational, loadNational, type NationalDataset } from '../../scripts/load-national.js';
import type { Cleanup } from './cleanup.js';
import { createBenchDatabase } from './database.js';

export type National = {
  /** The database's name and URL, for the server and for psql. */
  name: string;
  url: string;
  pool: pg.Pool;
  dataset: NationalDataset;
};

export async function nationalDatabase(
  prefix: string,
  cleanup: Cleanup,
  log: (line: string) => void,
): Promise<National> {
  const reuse = process.env.NATIONAL_DATABASE_URL;
  if (reuse) {
    const pool = new pg.Pool({ connectionString: reuse, max: 4 });
    cleanup.add(() => pool.end());
    const dataset = await findNational(pool);
    log(`reusing the national dataset in ${new URL(reuse).pathname.slice(1)} (left in place)`);
    return { name: new URL(reuse).pathname.slice(1), url: reuse, pool, dataset };
  }
  const database = await createBenchDatabase(prefix);
  // drop() ends a load still running, too.
  cleanup.add(() => database.drop());
  log(`loading the national dataset into ${database.name} (scripts/load-national.ts)`);
  const dataset = await loadNational(database.pool, { log: (line) => log(`  ${line}`) });
  // The load left ~1 GB of dirty pages and WAL behind; written back now rather than by the
  // checkpointer while the benchmark measures. Needs a superuser (or pg_checkpoint): skipped if not.
  const t = performance.now();
  await database.pool
    .query('CHECKPOINT')
    .then(() => log(`  checkpoint     ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`))
    .catch((err) => log(`  (no CHECKPOINT: ${String(err)})`));
  return { name: database.name, url: database.url, pool: database.pool, dataset };
}

/** The load average and what else is running, for the record of a run. */
export function machineLoad(): string {
  const [one, five, fifteen] = os.loadavg().map((x) => x.toFixed(2));
  return `load average ${one}, ${five}, ${fifteen} on ${os.cpus().length} cores`;
}
