// Frequent statements run prepared on PostgreSQL (src/server/db/connection.ts): which texts get a
// name, and that connections drop and re-make their statements when the generation moves on.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config.js';
import { openDatabase, preparingPool, StatementNames } from '../src/server/db/connection.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

describe('statement names', () => {
  it('names a text with parameters from its second use, and never one without', () => {
    const names = new StatementNames(() => 0);
    expect(names.query('SELECT $1', [1], 0)).toEqual({ text: 'SELECT $1', values: [1] });
    expect(names.query('SELECT $1', [2], 0)).toEqual({ name: 'niko_0_1', text: 'SELECT $1', values: [2] });
    expect(names.query('SELECT $1', [3], 4)).toMatchObject({ name: 'niko_4_1' });
    expect(names.query('commit', [], 0)).toEqual({ text: 'commit', values: [] });
    expect(names.query('commit', [], 0)).toEqual({ text: 'commit', values: [] });
  });

  it('stops naming new texts at the limit', () => {
    const names = new StatementNames(() => 0);
    for (let i = 0; i < StatementNames.MAX_PREPARED; i++) {
      names.query(`SELECT ${i}, $1`, [1], 0);
      expect(names.query(`SELECT ${i}, $1`, [1], 0).name).toBeDefined();
    }
    names.query('SELECT -1, $1', [1], 0);
    expect(names.query('SELECT -1, $1', [1], 0).name).toBeUndefined();
  });

  it('moves to a new generation after 10 s, 30 s, 70 s, … and then every 10 minutes', () => {
    let t = 0;
    const names = new StatementNames(() => t);
    const rollovers: number[] = [];
    let generation = names.generation();
    for (t = 0; t <= 3_000_000; t += 1000) {
      const g = names.generation();
      if (g !== generation) rollovers.push(t / 1000);
      generation = g;
    }
    expect(rollovers.slice(0, 8)).toEqual([10, 30, 70, 150, 310, 630, 1230, 1830]);
  });
});

describe('DATABASE_PREPARED_STATEMENTS', () => {
  it('is on unless set to false, and refuses anything but true or false', () => {
    expect(loadConfig({}).databasePreparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'true' }).databasePreparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements).toBe(false);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'off' })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('prepared statements on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let db: Kysely<any>;
  let t = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    db = new Kysely<any>({
      dialect: new PostgresDialect({ pool: preparingPool(pool, new StatementNames(() => t)) }),
    });
  });
  afterAll(async () => {
    await db.destroy();
    await database.close();
  });

  const prepared = async () =>
    (await sql<{ name: string }>`SELECT name FROM pg_prepared_statements ORDER BY name`.execute(db)).rows.map(
      (r) => r.name,
    );

  it('prepares a frequent statement, and makes it again in a new generation', async () => {
    const one = () => sql<{ n: number }>`SELECT ${41}::int + 1 AS n`.execute(db);
    for (let i = 0; i < 3; i++) expect((await one()).rows[0]?.n).toBe(42);
    // Both connections of the pool may have served it; the one answering this has it too, or not yet.
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 3; i++) await sql`SELECT ${41}::int + 1 AS n`.execute(tx);
      expect(
        (await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(tx)).rows.map(
          (r) => r.name,
        ),
      ).toContain('niko_0_1');
    });
    t = 10_000;
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 3; i++)
        expect((await sql<{ n: number }>`SELECT ${41}::int + 1 AS n`.execute(tx)).rows[0]?.n).toBe(42);
      const names = (
        await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(tx)
      ).rows.map((r) => r.name);
      expect(names).toContain('niko_1_1');
      expect(names).not.toContain('niko_0_1');
    });
    expect(await prepared()).not.toContain('niko_0_1');
  });

  /** The statements one connection (a pool of one) holds after running a frequent query three times. */
  async function preparedAfterUse(preparedStatements: boolean | undefined) {
    const handle = await openDatabase({
      databaseUrl: database.url,
      poolSize: 1,
      onConnectionLost: () => {},
      ...(preparedStatements === undefined ? {} : { preparedStatements }),
    });
    try {
      for (let i = 0; i < 3; i++) await sql`SELECT ${41}::int + 1 AS n`.execute(handle.db);
      return (
        await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(handle.db)
      ).rows.map((r) => r.name);
    } finally {
      await handle.close();
    }
  }

  it('names frequent statements by default, and none when switched off (PgBouncer in transaction mode)', async () => {
    expect((await preparedAfterUse(undefined)).some((n) => n.startsWith('niko_'))).toBe(true);
    expect(await preparedAfterUse(false)).toEqual([]);
  });
});
