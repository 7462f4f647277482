// The migration runner: a checksum of every applied file (backfilled for databases migrated before
// checksums were kept), a refusal to start when an applied file has changed, and migrations that
// run outside a transaction (`-- migrate: no-transaction`) so that CREATE INDEX CONCURRENTLY works;
// and, for servers started with MIGRATE_ON_START=false, a check that changes nothing.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/connection.js';
import { checkMigrated, listMigrations, migrate } from '../src/server/db/migrate.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { runServerProcessToExit } from './support/process.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function ledger(database: TestDatabase) {
  const { rows } = await sql<{ name: string; checksum: string | null }>`
    SELECT name, checksum FROM schema_migrations ORDER BY name`.execute(database.db);
  return rows;
}

describe('the checksums of applied migrations', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.close());

  it('records the sha256 of each file as it is applied', async () => {
    const files = listMigrations();
    expect(await ledger(database)).toEqual(files.map((m) => ({ name: m.name, checksum: sha256(m.sql) })));
  });

  it('backfills the checksums of a database migrated before they were recorded, and applies nothing again', async () => {
    await sql`ALTER TABLE schema_migrations DROP COLUMN checksum`.execute(database.db);
    expect(await migrate(database.pool)).toEqual([]);
    const files = listMigrations();
    expect(await ledger(database)).toEqual(files.map((m) => ({ name: m.name, checksum: sha256(m.sql) })));
  });
});

describe('a migrations folder of the test’s own', () => {
  let database: TestDatabase;
  let dir: string;
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  beforeEach(async () => {
    database = await createTestDatabase({ migrated: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-migrations-'));
  });
  afterEach(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to run when an applied file has changed, naming it, and changes nothing', async () => {
    write('0001_things.sql', 'CREATE TABLE things (a int);\n');
    expect(await migrate(database.pool, { dir })).toEqual(['0001_things.sql']);
    write('0001_things.sql', 'CREATE TABLE things (a int, b int);\n');
    write('0002_more.sql', 'CREATE TABLE more_things (a int);\n');
    await expect(migrate(database.pool, { dir })).rejects.toThrow(
      /^Migration 0001_things\.sql was changed after it was applied \(sha256 [0-9a-f]{12}… recorded, [0-9a-f]{12}… in the file\)/,
    );
    // Nothing after it ran either.
    expect((await ledger(database)).map((r) => r.name)).toEqual(['0001_things.sql']);
    const { rows } = await sql<{ t: string | null }>`SELECT to_regclass('more_things')::text AS t`.execute(
      database.db,
    );
    expect(rows[0]?.t).toBeNull();
  });

  it('takes a file whose line endings alone changed (a Windows checkout) as unchanged', async () => {
    write('0001_things.sql', '-- a table\nCREATE TABLE things (a int);\n');
    await migrate(database.pool, { dir });
    write('0001_things.sql', '-- a table\r\nCREATE TABLE things (a int);\r\n');
    expect(await migrate(database.pool, { dir })).toEqual([]);
  });

  it('leaves alone applied migrations it has no file for (an older version during a rolling deploy)', async () => {
    write('0001_things.sql', 'CREATE TABLE things (a int);\n');
    write('0002_more.sql', 'CREATE TABLE more_things (a int);\n');
    await migrate(database.pool, { dir });
    fs.rmSync(path.join(dir, '0002_more.sql'));
    expect(await migrate(database.pool, { dir })).toEqual([]);
  });

  it('runs a no-transaction migration statement by statement, so CREATE INDEX CONCURRENTLY works', async () => {
    write('0001_things.sql', 'CREATE TABLE things (a int, b text);\n');
    // Inside a transaction, as every other migration runs, PostgreSQL refuses it.
    write('0002_index.sql', 'CREATE INDEX CONCURRENTLY things_a_idx ON things (a);\n');
    await expect(migrate(database.pool, { dir })).rejects.toThrow(
      /Migration 0002_index\.sql failed: CREATE INDEX CONCURRENTLY cannot run inside a transaction block/,
    );
    write(
      '0002_index.sql',
      [
        '-- migrate: no-transaction',
        '-- Semicolons inside strings, comments and dollar quotes do not split statements;',
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS things_a_idx ON things (a) WHERE b <> ';';",
        "DO $$ BEGIN PERFORM 1; RAISE NOTICE 'one; two'; END $$;",
        '/* ; */ CREATE INDEX CONCURRENTLY IF NOT EXISTS things_b_idx ON things (b)',
      ].join('\n'),
    );
    expect(await migrate(database.pool, { dir })).toEqual(['0002_index.sql']);
    const { rows } = await sql<{ name: string; valid: boolean }>`
      SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE i.indrelid = 'things'::regclass ORDER BY 1`.execute(database.db);
    expect(rows).toEqual([
      { name: 'things_a_idx', valid: true },
      { name: 'things_b_idx', valid: true },
    ]);
  });

  it('runs a failed no-transaction migration again from its start, so the documented pattern replaces an INVALID index', async () => {
    write('0001_things.sql', 'CREATE TABLE things (a int); INSERT INTO things VALUES (1), (1);\n');
    // The pattern of docs/ARCHITECTURE.md, "Adding an index to a large table".
    write(
      '0002_unique.sql',
      `-- migrate: no-transaction
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('things_a_key') AND NOT indisvalid) THEN
    DROP INDEX things_a_key;
  END IF;
END $$;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS things_a_key ON things (a);
`,
    );
    await expect(migrate(database.pool, { dir })).rejects.toThrow(
      /Migration 0002_unique\.sql failed \(outside a transaction: .*\): could not create unique index "things_a_key"/,
    );
    const valid = async () =>
      (
        await sql<{ valid: boolean | null }>`
          SELECT (SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('things_a_key')) AS valid`.execute(
          database.db,
        )
      ).rows[0]?.valid;
    expect(await valid()).toBe(false);
    expect((await ledger(database)).map((r) => r.name)).toEqual(['0001_things.sql']);
    // The data set right, the next start builds it.
    await sql`INSERT INTO things VALUES (2)`.execute(database.db);
    await sql`DELETE FROM things WHERE ctid = (SELECT min(ctid) FROM things WHERE a = 1)`.execute(
      database.db,
    );
    expect(await migrate(database.pool, { dir })).toEqual(['0002_unique.sql']);
    expect(await valid()).toBe(true);
  });
});

describe('the check of a server that does not migrate (MIGRATE_ON_START=false)', () => {
  let database: TestDatabase;
  let dir: string;
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const tableExists = async (name: string) =>
    (await sql<{ t: string | null }>`SELECT to_regclass(${name})::text AS t`.execute(database.db)).rows[0]
      ?.t !== null;
  beforeEach(async () => {
    database = await createTestDatabase({ migrated: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-migrations-'));
    write('0001_things.sql', 'CREATE TABLE things (a int);\n');
  });
  afterEach(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a database never migrated, naming what is missing and what to run, and creates nothing', async () => {
    await expect(checkMigrated(database.pool, { dir })).rejects.toThrow(
      'The database lacks migration 0001_things.sql, and MIGRATE_ON_START=false: run `npm run migrate` against it first',
    );
    expect(await tableExists('schema_migrations')).toBe(false);
    expect(await tableExists('things')).toBe(false);
  });

  it('passes once migrated, and refuses again when this version brings migrations not yet applied', async () => {
    await migrate(database.pool, { dir });
    await expect(checkMigrated(database.pool, { dir })).resolves.toBeUndefined();
    write('0002_more.sql', 'CREATE TABLE more_things (a int);\n');
    write('0003_most.sql', 'CREATE TABLE most_things (a int);\n');
    await expect(checkMigrated(database.pool, { dir })).rejects.toThrow(
      /^The database lacks migrations 0002_more\.sql, 0003_most\.sql, and MIGRATE_ON_START=false/,
    );
    expect(await tableExists('more_things')).toBe(false);
    expect((await ledger(database)).map((r) => r.name)).toEqual(['0001_things.sql']);
  });

  it('refuses an applied file that has changed, as the migrations do', async () => {
    await migrate(database.pool, { dir });
    write('0001_things.sql', 'CREATE TABLE things (a int, b int);\n');
    await expect(checkMigrated(database.pool, { dir })).rejects.toThrow(
      /^Migration 0001_things\.sql was changed after it was applied/,
    );
  });
});

describe('MIGRATE_ON_START', () => {
  it('is true unless set to false, and refuses other values', () => {
    expect(loadConfig({}).migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(() => loadConfig({ MIGRATE_ON_START: 'no' })).toThrow(/MIGRATE_ON_START/);
  });
});

describe('the server', () => {
  let database: TestDatabase | undefined;
  let unmigrated: TestDatabase | undefined;
  let dataDir: string | undefined;
  let emptyDataDir: string | undefined;
  afterAll(async () => {
    await database?.close();
    await unmigrated?.close();
    for (const dir of [dataDir, emptyDataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // Starts the real entry point twice: on a loaded machine that takes a while.
  it('refuses to start, in one line naming the file, when an applied migration has changed', {
    timeout: 180_000,
  }, async () => {
    const tamper = sql`UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE name = '0005_forms_collections.sql'`;
    let env: Record<string, string>;
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      await tamper.execute(database.db);
      env = { DATABASE_URL: database.url as string };
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-migrations-'));
      const handle = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
      await migrate(handle.pool);
      await tamper.execute(handle.db);
      await handle.close();
      env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    }
    const { code, output } = await runServerProcessToExit({ ...env, SEED_DEMO: 'never' });
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Migration 0005_forms_collections\.sql was changed after it was applied/);
  });

  it('with MIGRATE_ON_START=false, refuses to start on a database not migrated, in one line saying what to run', {
    timeout: 180_000,
  }, async () => {
    let env: Record<string, string>;
    if (process.env.DATABASE_URL) {
      unmigrated = await createTestDatabase({ migrated: false });
      env = { DATABASE_URL: unmigrated.url as string };
    } else {
      emptyDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-migrations-'));
      env = { DATA_DIR: emptyDataDir, DATABASE_URL: '' };
    }
    const { code, output } = await runServerProcessToExit({ ...env, MIGRATE_ON_START: 'false' });
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /The database lacks migrations 0001_\S+, .*run `npm run migrate` against it first/,
    );
  });
});

describe('the regions', () => {
  it('are the rows of reference/regions.csv, which migration 0003 carries as SQL', async () => {
    const [, ...lines] = fs.readFileSync('reference/regions.csv', 'utf8').trim().split(/\r?\n/);
    const expected = lines.map((line) => {
      const [code, name, timezone, organizations] = line.split(',');
      return { code, name, timezone, registry_organizations: Number(organizations) };
    });
    const database = await createTestDatabase();
    try {
      const { rows } = await sql`
        SELECT code, name, timezone, registry_organizations FROM regions ORDER BY code`.execute(database.db);
      expect(rows).toEqual(expected);
      expect(rows).toHaveLength(89);
    } finally {
      await database.close();
    }
  });
});
