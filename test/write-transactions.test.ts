// A write and its audit entry land together or not at all. The database is made to refuse one
// kind of audit entry (a trigger, as a full disk or a lost connection would refuse it): the
// request then fails, and the change it made before the entry is gone with it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoCollectionId } from './support/demo.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let collectionId: number;
beforeAll(async () => {
  server = await startTestServer({ demo: true, startWorkers: false });
  collectionId = await openDemoCollectionId(server.database.db);
  await sql`
    CREATE FUNCTION refuse_audit_entry() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit entry % refused by the test', NEW.action;
    END $$`.execute(server.database.db);
  await sql`
    CREATE TRIGGER refuse_audit_entry BEFORE INSERT ON audit_log FOR EACH ROW
    WHEN (NEW.action IN ('export.requested', 'user.created'))
    EXECUTE FUNCTION refuse_audit_entry()`.execute(server.database.db);
});
afterAll(() => server.close());

async function count(table: 'export_jobs' | 'users', where: ReturnType<typeof sql>) {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${where}`.execute(server.database.db);
  return rows[0]?.n;
}

describe('a write whose audit entry fails', () => {
  it('leaves no export job behind', async () => {
    const reg = await server.client().login('reg77');
    const res = await reg.post(`/api/monitoring/collections/${collectionId}/exports`, {});
    expect(res.status).toBe(500);
    expect(await count('export_jobs', sql`collection_id = ${collectionId}`)).toBe(0);
  });

  it('leaves no user behind', async () => {
    const admin = await server.client().login('admin');
    const res = await admin.post('/api/users', {
      login: 'tx-audit-probe',
      fullName: 'Проверка транзакции',
      role: 'federal',
    });
    expect(res.status).toBe(500);
    expect(await count('users', sql`login = 'tx-audit-probe'`)).toBe(0);
  });
});
