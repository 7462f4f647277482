// The history is append-only: submissions («Сдать отчет»'s snapshots), cell_changes (every saved
// change), review_events (every change of a report's review state) and audit_log refuse UPDATE, DELETE and TRUNCATE, whoever sends them. A collection with
// history cannot be deleted (its chain of foreign keys restricts, it does not cascade), nor a user
// the history names. Nothing of it is lost on the way.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
  // A sign-in writes to the audit log.
  await server.client().login('sch770002');
});
afterAll(() => server.close());

const HISTORY = ['submissions', 'cell_changes', 'review_events', 'audit_log'] as const;
const SOME_COLUMN: Record<(typeof HISTORY)[number], [string, string]> = {
  submissions: ['data', `'{}'::jsonb`],
  cell_changes: ['new_value', `'x'`],
  review_events: ['comment', `'x'`],
  audit_log: ['action', `'x'`],
};

async function historyCounts() {
  const { rows } = await sql<Record<string, number>>`
    SELECT (SELECT count(*)::int FROM submissions) AS submissions,
           (SELECT count(*)::int FROM cell_changes) AS cell_changes,
           (SELECT count(*)::int FROM review_events) AS review_events,
           (SELECT count(*)::int FROM audit_log) AS audit_log,
           (SELECT count(*)::int FROM responses) AS responses,
           (SELECT count(*)::int FROM response_cells) AS response_cells,
           (SELECT count(*)::int FROM collections) AS collections,
           (SELECT count(*)::int FROM users) AS users`.execute(server.database.db);
  return rows[0];
}

const run = (text: string) => sql.raw(text).execute(server.database.db);

describe('append-only history', () => {
  it('has rows in each table to protect', async () => {
    const counts = await historyCounts();
    for (const table of HISTORY) expect(counts?.[table]).toBeGreaterThan(0);
  });

  for (const table of HISTORY) {
    it(`${table}: UPDATE, DELETE and TRUNCATE are refused, and every row stays`, async () => {
      const before = await historyCounts();
      const [column, value] = SOME_COLUMN[table];
      await expect(run(`UPDATE ${table} SET ${column} = ${value}`)).rejects.toThrow(
        new RegExp(`^${table} rows are immutable: UPDATE is refused`),
      );
      await expect(run(`DELETE FROM ${table}`)).rejects.toThrow(
        new RegExp(`^${table} rows are immutable: DELETE is refused`),
      );
      await expect(run(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(
        new RegExp(`^${table} rows are immutable: TRUNCATE is refused`),
      );
      expect(await historyCounts()).toEqual(before);
    });
  }

  it('refuses to delete a collection with submissions and changes, and loses nothing', async () => {
    const before = await historyCounts();
    const { rows } = await sql<{ id: number }>`
      SELECT DISTINCT r.collection_id AS id FROM submissions s JOIN responses r ON r.id = s.response_id`.execute(
      server.database.db,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { id } of rows) {
      await expect(run(`DELETE FROM collections WHERE id = ${id}`)).rejects.toThrow(
        /violates (RESTRICT setting of )?foreign key constraint "(submissions|cell_changes)_response_id_fkey"/,
      );
      await expect(run(`DELETE FROM responses WHERE collection_id = ${id}`)).rejects.toThrow(
        /violates (RESTRICT setting of )?foreign key constraint/,
      );
    }
    expect(await historyCounts()).toEqual(before);
  });

  it('still lets a collection nobody has written to be deleted, with its participants', async () => {
    const admin = await server.client().login('admin');
    const form = (await admin.get('/api/forms')).body.rows[0];
    const created = await admin.post('/api/collections', {
      title: 'Создан по ошибке',
      formVersionId: form.id,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      participants: { codes: ['770001', '770002', '770003'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.participants).toBe(3);
    const id = created.body.id;
    await run(`DELETE FROM collections WHERE id = ${id}`);
    // Its (empty) partition of cell_changes goes with it.
    const partition = await sql<{
      t: string | null;
    }>`SELECT to_regclass(${`cell_changes_c${id}`})::text AS t`.execute(server.database.db);
    expect(partition.rows[0]?.t).toBeNull();
    const left = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM responses WHERE collection_id = ${id}`.execute(server.database.db);
    expect(left.rows[0]?.n).toBe(0);
  });

  it('refuses to delete a user the history names (deactivate instead), and loses nothing', async () => {
    const before = await historyCounts();
    await expect(run(`DELETE FROM users WHERE login = 'sch770003'`)).rejects.toThrow(
      /violates (RESTRICT setting of )?foreign key constraint "(submissions_submitted_by|cell_changes_user_id|audit_log_actor_user_id)_fkey"/,
    );
    await expect(run(`DELETE FROM users WHERE login = 'admin'`)).rejects.toThrow(
      /violates (RESTRICT setting of )?foreign key constraint/,
    );
    expect(await historyCounts()).toEqual(before);
  });
});
