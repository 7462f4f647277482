// A throw-away database for one benchmark run on the PostgreSQL server named by DATABASE_URL
// (default: the local server). Created and migrated at the start, dropped at the end, also when
// the run fails or is interrupted.
import pg from 'pg';
import { createPostgresDatabase, type PostgresDatabase } from '../../test/support/database.js';

export const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchDatabase = PostgresDatabase;

/** A new database on `serverUrl`'s server (by default DATABASE_URL's), migrated unless told not to. */
export function createBenchDatabase(
  prefix: string,
  { serverUrl = SERVER_URL, migrated = true }: { serverUrl?: string; migrated?: boolean } = {},
): Promise<BenchDatabase> {
  return createPostgresDatabase(serverUrl, `bench_${prefix}`, { migrated });
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
