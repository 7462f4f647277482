// A fresh, migrated database for one test file: a new database with a unique name on the
// PostgreSQL server named by DATABASE_URL (dropped at the end), or an in-memory PGlite.
// The benchmarks make theirs on PostgreSQL with createPostgresDatabase too (bench/support/database.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DbHandle, openDatabase } from '../../src/server/db/connection.js';
import { migrate } from '../../src/server/db/migrate.js';
import type { DatabaseTimeouts } from '../../src/server/db/timeouts.js';

export type TestDatabase = DbHandle & { name: string; url?: string };

export type TestDatabaseOptions = {
  /** Apply only on PostgreSQL, as in production (db/timeouts.ts). */
  timeouts?: DatabaseTimeouts;
  /** false leaves the database empty, for tests of the migrations themselves. */
  migrated?: boolean;
};

export type PostgresDatabase = DbHandle & { name: string; url: string; drop: () => Promise<void> };

async function onServer<T>(serverUrl: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** A new database on `serverUrl`'s server, named `niko_<prefix>_<pid>_<random>`, migrated unless told not to. */
export async function createPostgresDatabase(
  serverUrl: string,
  prefix: string,
  opts: TestDatabaseOptions = {},
): Promise<PostgresDatabase> {
  const name = `niko_${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // DROP DATABASE … WITH (FORCE) at the end ends any connection still open (57P01); that is expected.
  const handle = await openDatabase({
    databaseUrl: url.toString(),
    poolSize: 10,
    onConnectionLost: () => {},
    ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
  });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    // Dropped WITH (FORCE) first: that also ends a statement still running (a benchmark's load
    // interrupted by Ctrl-C), whose connection would otherwise keep the pool from closing until done.
    await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await handle.close().catch(() => {});
  };
  try {
    if (opts.migrated ?? true) await migrate(handle.pool);
  } catch (err) {
    await drop();
    throw err;
  }
  return { ...handle, name, url: url.toString(), drop };
}

export async function createTestDatabase(opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({});
    if (opts.migrated ?? true) await migrate(handle.pool);
    return { ...handle, name: 'pglite-memory' };
  }
  const database = await createPostgresDatabase(serverUrl, 'test', opts);
  return { ...database, close: database.drop };
}
