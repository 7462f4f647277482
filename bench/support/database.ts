// A throw-away database for one benchmark run on the PostgreSQL server named by DATABASE_URL
// (default: the local server). Created and migrated at the start, dropped at the end, also when
// the run fails or is interrupted.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DbHandle, openDatabase } from '../../src/server/db/connection.js';
import { migrate } from '../../src/server/db/migrate.js';

export const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchDatabase = DbHandle & { name: string; url: string; drop: () => Promise<void> };

async function admin<T>(serverUrl: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** A new database on `serverUrl`'s server (by default DATABASE_URL's), migrated unless told not to. */
export async function createBenchDatabase(
  prefix: string,
  { serverUrl = SERVER_URL, migrated = true }: { serverUrl?: string; migrated?: boolean } = {},
): Promise<BenchDatabase> {
  const name = `niko_bench_${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // DROP … WITH (FORCE) ends its connections; that is expected, not worth a line after the figures.
  const handle = await openDatabase({
    databaseUrl: url.toString(),
    poolSize: 10,
    onConnectionLost: () => {},
  });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    // Dropped WITH (FORCE) first: that also ends a statement still running (a load interrupted by
    // Ctrl-C), whose connection would otherwise keep the pool from closing until it is done.
    await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await handle.close().catch(() => {});
  };
  try {
    if (migrated) await migrate(handle.pool);
  } catch (err) {
    await drop();
    throw err;
  }
  return { ...handle, name, url: url.toString(), drop };
}

/**
 * VACUUM ANALYZE of the whole database, between the set-up (or an earlier phase) and a measured
 * phase: the planner then knows the tables' sizes, and autovacuum does not spend the measured
 * phase cleaning up after the one before.
 */
export async function vacuumAnalyze(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('VACUUM ANALYZE');
  } finally {
    await c.end();
  }
}
