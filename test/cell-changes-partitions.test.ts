// cell_changes is partitioned by collection (migration 0013). The migration moves the changes
// stored before it into their collections' partitions, and they keep doing their work: a change
// resent after the upgrade answers `duplicate`, the history shows them. A collection created
// afterwards gets its partition at once, however it is created.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/server/auth/passwords.js';
import { migrate } from '../src/server/db/migrate.js';
import { NIKO_CONTEXT_FORM } from '../src/server/demo/niko-form.js';
import { checkDefinition } from '../src/shared/forms/check-definition.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestServer, type TestServer } from './support/server.js';

const PARTITIONED = '0013_cell_changes_by_collection.sql';

let database: TestDatabase;
let server: TestServer;
const ids = { collections: [] as number[], responses: [] as number[] };

/** Two collections with one participant each, and three changes, in the layout before 0013. */
async function seedBeforePartitioning(db: TestDatabase['db']) {
  const run = (q: ReturnType<typeof sql>) => q.execute(db);
  await run(sql`INSERT INTO municipalities (code, region_code, name) VALUES ('77001', '77', 'Округ')`);
  await run(sql`INSERT INTO organizations (code, short_name, full_name, kind, region_code, municipality_id)
                SELECT '770001', 'Школа', 'Школа № 1', 'school', '77', id FROM municipalities`);
  await run(sql`INSERT INTO users (login, password_hash, role, organization_id)
                SELECT 'sch770001', ${await hashPassword('demo')}, 'organization', id FROM organizations`);
  const form = checkDefinition(NIKO_CONTEXT_FORM);
  if (!form.ok) throw new Error('the demo form is invalid');
  await run(sql`INSERT INTO forms (title) VALUES ('НИКО')`);
  await run(sql`INSERT INTO form_versions (form_id, version, definition)
                SELECT id, 1, ${JSON.stringify(form.definition)}::jsonb FROM forms`);
  for (const [start, end] of [
    [`now() - interval '400 days'`, `now() - interval '380 days'`],
    [`now() - interval '1 day'`, `now() + interval '10 days'`],
  ]) {
    const c = await sql<{ id: number }>`
      INSERT INTO collections (title, form_version_id, starts_at, ends_at)
      SELECT 'Сбор', id, ${sql.raw(start as string)}, ${sql.raw(end as string)} FROM form_versions
      RETURNING id`.execute(db);
    const collectionId = c.rows[0]?.id as number;
    const r = await sql<{ id: number }>`
      INSERT INTO responses (collection_id, organization_id, region_code, municipality_id, status, started_at)
      SELECT ${collectionId}::int, id, region_code, municipality_id, 'in_progress', now() FROM organizations
      RETURNING id`.execute(db);
    ids.collections.push(collectionId);
    ids.responses.push(r.rows[0]?.id as number);
  }
  const [old, current] = ids.responses;
  await run(sql`INSERT INTO response_cells (response_id, cell_key, value, version) VALUES
                (${old}::int, 'pupils.g1.boys', '10', 1), (${current}::int, 'pupils.g1.boys', '12', 2)`);
  await run(sql`INSERT INTO cell_changes (change_id, response_id, cell_key, old_value, new_value, version, user_login) VALUES
                ('00000000-0000-4000-8000-000000000001', ${old}::int, 'pupils.g1.boys', NULL, '10', 1, 'sch770001'),
                ('00000000-0000-4000-8000-000000000002', ${current}::int, 'pupils.g1.boys', NULL, '11', 1, 'sch770001'),
                ('00000000-0000-4000-8000-000000000003', ${current}::int, 'pupils.g1.boys', '11', '12', 2, 'sch770001')`);
}

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  await migrate(database.pool, { before: PARTITIONED });
  await seedBeforePartitioning(database.db);
  expect(await migrate(database.pool)).toContain(PARTITIONED);
  server = await startTestServer({ database });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

describe('partitioning cell_changes by collection', () => {
  it('moves every change stored before it into its collection’s partition', async () => {
    const { rows } = await sql<{
      partition: string;
      collection_id: number;
      change_id: string;
      new_value: string;
    }>`
      SELECT tableoid::regclass::text AS partition, collection_id, change_id::text, new_value
        FROM cell_changes ORDER BY change_id`.execute(database.db);
    const [old, current] = ids.collections;
    expect(rows).toEqual([
      {
        partition: `cell_changes_c${old}`,
        collection_id: old,
        change_id: expect.stringMatching(/1$/),
        new_value: '10',
      },
      {
        partition: `cell_changes_c${current}`,
        collection_id: current,
        change_id: expect.stringMatching(/2$/),
        new_value: '11',
      },
      {
        partition: `cell_changes_c${current}`,
        collection_id: current,
        change_id: expect.stringMatching(/3$/),
        new_value: '12',
      },
    ]);
    const left = await sql<{
      t: string | null;
    }>`SELECT to_regclass('cell_changes_before_0013')::text AS t`.execute(database.db);
    expect(left.rows[0]?.t).toBeNull();
  });

  it('answers a change resent after the upgrade as a duplicate, and shows the history', async () => {
    const c = await server.client().login('sch770001');
    const responseId = ids.responses[1];
    const resent = await c.post(`/api/responses/${responseId}/changes`, {
      changes: [{ id: '00000000-0000-4000-8000-000000000003', cell: 'pupils.g1.boys', value: '12', base: 1 }],
    });
    expect(resent.status).toBe(200);
    expect(resent.body.results).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000003',
        cell: 'pupils.g1.boys',
        status: 'duplicate',
        version: 2,
        value: '12',
      },
    ]);
    const next = await c.post(`/api/responses/${responseId}/changes`, {
      changes: [{ id: '00000000-0000-4000-8000-000000000004', cell: 'pupils.g1.boys', value: '13', base: 2 }],
    });
    expect(next.body.results[0]).toMatchObject({ status: 'applied', version: 3 });
    const history = (await c.get(`/api/responses/${responseId}/history?cell=pupils.g1.boys`)).body.rows;
    expect(history.map((h: { newValue: string }) => h.newValue)).toEqual(['13', '12', '11']);
    // The earlier collection's history is its own.
    const past = (await c.get(`/api/responses/${ids.responses[0]}/history?cell=pupils.g1.boys`)).body.rows;
    expect(past.map((h: { newValue: string }) => h.newValue)).toEqual(['10']);
  });

  it('gives a collection created afterwards its partition at once, with the history’s triggers', async () => {
    const c = await sql<{ id: number }>`
      INSERT INTO collections (title, form_version_id, starts_at, ends_at)
      SELECT 'Новый', id, now(), now() + interval '1 day' FROM form_versions RETURNING id`.execute(
      database.db,
    );
    const id = c.rows[0]?.id as number;
    const { rows } = await sql<{ bound: string; truncate: boolean }>`
      SELECT pg_get_expr(c.relpartbound, c.oid) AS bound,
             EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'cell_changes_no_truncate') AS truncate
        FROM pg_class c WHERE c.oid = to_regclass(${`cell_changes_c${id}`})`.execute(database.db);
    expect(rows).toEqual([{ bound: `FOR VALUES IN (${id})`, truncate: true }]);
    await expect(
      sql.raw(`TRUNCATE cell_changes_c${ids.collections[1]}`).execute(database.db),
    ).rejects.toThrow(/cell_changes rows are immutable: TRUNCATE is refused/);
  });
});
