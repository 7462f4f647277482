// Applies the ordered .sql files in ./migrations that have not been applied yet, each in its own
// transaction, and records each one with the sha256 of its text. An advisory lock lets several
// server processes start at once safely.
//
// An applied file must never change: the database already holds what its old text did, so a new
// text would silently describe a schema nobody has. The runner refuses to go on when one has
// (the fix belongs in a new migration). A file whose first line is `-- migrate: no-transaction`
// runs statement by statement outside a transaction, for CREATE INDEX CONCURRENTLY; such a file
// must be safe to run again from its start (docs/ARCHITECTURE.md, "Migrations").
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { splitStatements } from './sql-statements.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 727_001; // any constant shared by all processes of this app
const NO_TRANSACTION = /^-- migrate: no-transaction[ \t]*\r?$/m;

export type Migration = { name: string; sql: string; checksum: string; transactional: boolean };

/** The sha256 of a file's text, line endings normalised: a Windows checkout is the same file. */
function checksumOf(text: string) {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      const firstLine = sql.split('\n', 1)[0] ?? '';
      return { name, sql, checksum: checksumOf(sql), transactional: !NO_TRANSACTION.test(firstLine) };
    });
}

export type MigrateOptions = {
  /** Another folder of migrations (tests). */
  dir?: string;
  /** Stop before this migration (tests of a migration that converts data written before it). */
  before?: string;
};

/**
 * The ledger, created or brought up to date. Read-only when it already is, so that a role
 * without DDL rights (docs/database-roles.sql) can start the server once the owner has migrated.
 */
async function ensureLedger(client: pg.PoolClient) {
  const { rows } = await client.query<{ exists: boolean; checksum: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS exists,
            EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('schema_migrations')
                       AND attname = 'checksum' AND NOT attisdropped) AS checksum`,
  );
  const state = rows[0];
  if (!state?.exists) {
    await client.query(
      `CREATE TABLE schema_migrations (
         name text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now(),
         -- sha256 of the file's text when applied (NULL only for a file gone from this version).
         checksum text
       )`,
    );
  } else if (!state.checksum) {
    await client.query('ALTER TABLE schema_migrations ADD COLUMN checksum text');
  }
}

/**
 * Every applied migration whose file is here must be the file that was applied; those applied
 * before checksums were kept get the file's checksum now. Applied migrations without a file are
 * left alone: an older version of the server may start against a database a newer one migrated
 * (a rolling deploy, a rollback).
 */
async function checkApplied(client: pg.PoolClient, files: Migration[]) {
  const recorded = await readLedger(client);
  refuseChanged(files, recorded);
  for (const m of files) {
    if (recorded.has(m.name) && recorded.get(m.name) === null) {
      await client.query('UPDATE schema_migrations SET checksum = $2 WHERE name = $1 AND checksum IS NULL', [
        m.name,
        m.checksum,
      ]);
    }
  }
  return new Set(recorded.keys());
}

async function readLedger(client: pg.PoolClient | pg.Pool) {
  const { rows } = await client.query<{ name: string; checksum: string | null }>(
    'SELECT name, checksum FROM schema_migrations',
  );
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

function refuseChanged(files: Migration[], recorded: Map<string, string | null>) {
  for (const m of files) {
    const sum = recorded.get(m.name);
    if (sum && sum !== m.checksum) {
      throw new Error(
        `Migration ${m.name} was changed after it was applied (sha256 ${sum.slice(0, 12)}… recorded, ` +
          `${m.checksum.slice(0, 12)}… in the file): restore the file as it was applied and put the change into a new migration`,
      );
    }
  }
}

/**
 * For a server started with MIGRATE_ON_START=false: checks, without migrating, that every
 * migration of this version has been applied unchanged. Plain reads, no lock and no SET, so it
 * works through PgBouncer's transaction mode (docs/DEPLOY.md); `npm run migrate` does the rest.
 */
export async function checkMigrated(pool: pg.Pool, opts: MigrateOptions = {}): Promise<void> {
  const files = listMigrations(opts.dir);
  const { rows } = await pool.query<{ exists: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS exists",
  );
  const recorded = rows[0]?.exists ? await readLedger(pool) : new Map<string, string | null>();
  refuseChanged(files, recorded);
  const pending = files.filter((m) => !recorded.has(m.name)).map((m) => m.name);
  if (pending.length > 0) {
    throw new Error(
      `The database lacks ${pending.length === 1 ? 'migration' : 'migrations'} ${pending.join(', ')}, and ` +
        'MIGRATE_ON_START=false: run `npm run migrate` against it first',
    );
  }
}

async function apply(client: pg.PoolClient, m: Migration) {
  const record = () =>
    client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
  if (!m.transactional) {
    try {
      for (const statement of splitStatements(m.sql)) await client.query(statement);
      await record();
    } catch (err) {
      throw new Error(
        `Migration ${m.name} failed (outside a transaction: the statements before the failing one stay ` +
          `applied, and the whole file runs again at the next start): ${(err as Error).message}`,
      );
    }
    return;
  }
  await client.query('BEGIN');
  try {
    await client.query(m.sql);
    await record();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
  }
}

/** Returns the names of the migrations it applied. */
export async function migrate(pool: pg.Pool, opts: MigrateOptions = {}): Promise<string[]> {
  const files = listMigrations(opts.dir).filter((m) => !opts.before || m.name < opts.before);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    // A migration may build an index over a large table, and a process starting beside another
    // waits for its migrations: neither is a stalled request, so the request limits do not apply.
    await client.query('SET statement_timeout = 0; SET lock_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await ensureLedger(client);
    const done = await checkApplied(client, files);
    for (const m of files) {
      if (done.has(m.name)) continue;
      await apply(client, m);
      applied.push(m.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.query('RESET statement_timeout; RESET lock_timeout').catch(() => {});
    client.release();
  }
  return applied;
}
