// Opens the database: a pg pool on PostgreSQL when DATABASE_URL is set, otherwise an embedded
// PGlite served on a loopback port by pglite-socket, so that `pg` stays the only driver and
// every query runs the same code path on both engines.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// timestamptz and bigint come back as strings by default; we want Date and number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export type Db = Kysely<Database>;

export type DbHandle = {
  db: Db;
  pool: pg.Pool;
  engine: 'postgres' | 'pglite';
  close: () => Promise<void>;
};

export type OpenOptions = {
  databaseUrl?: string;
  /** Folder for PGlite's files; undefined keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
};

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 20 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, pool, engine: 'postgres', close: () => db.destroy() };
  }
  return openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<DbHandle> {
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const lite = await PGlite.create(opts.dataDir ? { dataDir: opts.dataDir } : {});
  // PGlite runs one transaction at a time; the socket server queues other connections until
  // the running transaction ends, so a small pool keeps isolation intact.
  const maxConnections = opts.poolSize ?? 5;
  const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const port = server.getServerConn().split(':').pop();
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: Number(port),
    user: 'postgres',
    database: 'postgres',
    max: maxConnections,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    engine: 'pglite',
    close: async () => {
      await db.destroy();
      await server.stop();
      await lite.close();
    },
  };
}
