// An export's progress is written as the worker moves through the participants, not only with
// its heartbeat: an export shorter than one beat used to show 0 % until it was done.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANIZATION_KINDS } from '../src/shared/roles.js';
import { openDemoCollection } from './support/demo.js';
import { startTestServer, type TestServer } from './support/server.js';
import { waitFor } from './support/wait.js';

let server: TestServer;
beforeAll(async () => {
  // The heartbeat is far apart, so every progress written in between comes from the run itself.
  server = await startTestServer({ demo: true, config: { exportStaleMs: 600_000 } });
  await sql`CREATE TABLE progress_seen (job_id int, progress int, status text)`.execute(server.database.db);
  await sql`CREATE FUNCTION log_progress() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO progress_seen VALUES (NEW.id, NEW.progress, NEW.status); RETURN NEW; END $$`.execute(
    server.database.db,
  );
  await sql`CREATE TRIGGER progress_seen AFTER UPDATE ON export_jobs FOR EACH ROW EXECUTE FUNCTION log_progress()`.execute(
    server.database.db,
  );
});
afterAll(() => server.close());

describe('export progress', () => {
  it('moves with the participants written, before the job is done', async () => {
    const db = server.database.db;
    const demo = await openDemoCollection(db);
    const admin = await server.client().login('admin');
    // Every demo organization takes part: several batches of 500.
    const collection = await admin.post('/api/collections', {
      title: 'Все организации',
      formVersionId: demo.formVersionId,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      participants: { kinds: [...ORGANIZATION_KINDS] },
    });
    expect(collection.status).toBe(201);
    const asked = await admin.post(`/api/monitoring/collections/${collection.body.id}/exports`, {});
    expect(asked.status).toBe(202);
    await waitFor(
      async () => (await admin.get(`/api/exports/${asked.body.id}`)).body.status === 'done',
      'done',
    );
    const seen = await sql<{ progress: number; status: string }>`
      SELECT progress, status FROM progress_seen WHERE job_id = ${asked.body.id}`.execute(db);
    const whileRunning = seen.rows.filter((r) => r.status === 'running').map((r) => r.progress);
    expect(whileRunning[0]).toBe(0); // the claim
    expect(whileRunning.some((p) => p > 0 && p < 95)).toBe(true);
    expect(whileRunning.at(-1)).toBe(95);
    expect(seen.rows.at(-1)).toEqual({ progress: 100, status: 'done' });
  });
});
