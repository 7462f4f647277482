// A fresh, migrated database for one test file: a new database with a unique name on the
// PostgreSQL server named by DATABASE_URL (dropped at the end), or an in-memory PGlite.
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

export async function createTestDatabase(opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const migrated = opts.migrated ?? true;
  if (!serverUrl) {
    const handle = await openDatabase({});
    if (migrated) await migrate(handle.pool);
    return { ...handle, name: 'pglite-memory' };
  }
  const name = `niko_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // DROP DATABASE … WITH (FORCE) at the end ends any connection still open (57P01); that is expected.
  const handle = await openDatabase({
    databaseUrl: url.toString(),
    poolSize: 10,
    onConnectionLost: () => {},
    ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
  });

  if (migrated) await migrate(handle.pool);
  return {
    ...handle,
    name,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
