// The production roles of docs/database-roles.sql, on real PostgreSQL: the owner migrates, the
// servers run as niko_app, which can do everything the portal does (sign-in, autosave, «Сдать
// отчет», a new collection and its partition, a maintenance pass) but cannot change the history
// or the schema. The roles get names of this test's own, and are dropped with its database.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { runMaintenancePass } from '../src/server/ops/maintenance.js';
import type { TestDatabase } from './support/database.js';
import { startTestServer, type TestServer } from './support/server.js';

const serverUrl = process.env.DATABASE_URL;
const suffix = randomBytes(4).toString('hex');
const owner = `niko_owner_t${suffix}`;
const app = `niko_app_t${suffix}`;
const name = `niko_test_roles_${suffix}`;

function urlAs(user: string) {
  const url = new URL(serverUrl as string);
  url.username = user;
  url.password = '';
  url.pathname = `/${name}`;
  return url.toString();
}

async function asSuperuser(text: string, database = name) {
  const url = new URL(serverUrl as string);
  url.pathname = `/${database}`;
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

/** The documented script, for this test's roles. */
const runScript = () =>
  asSuperuser(
    fs
      .readFileSync('docs/database-roles.sql', 'utf8')
      .replaceAll('niko_owner', owner)
      .replaceAll('niko_app', app),
  );

let ownerDb: DbHandle;
let appDb: DbHandle;
let server: TestServer;

describe.skipIf(!serverUrl)('the roles of docs/database-roles.sql', () => {
  beforeAll(async () => {
    await asSuperuser(`CREATE DATABASE ${name}`, new URL(serverUrl as string).pathname.slice(1));
    await runScript();
    ownerDb = await openDatabase({ databaseUrl: urlAs(owner), poolSize: 2, onConnectionLost: () => {} });
    expect((await migrate(ownerDb.pool)).length).toBeGreaterThan(10);
    await runScript();
    appDb = await openDatabase({ databaseUrl: urlAs(app), poolSize: 10, onConnectionLost: () => {} });
    // The server's start-up migration finds nothing to do, and needs no rights it lacks.
    expect(await migrate(appDb.pool)).toEqual([]);
    await seedDemo(appDb.db);
    const database: TestDatabase = { ...appDb, name, url: urlAs(app) };
    server = await startTestServer({ database });
  });

  afterAll(async () => {
    await server?.close();
    await appDb?.close();
    await ownerDb?.close();
    const admin = new URL(serverUrl as string).pathname.slice(1);
    await asSuperuser(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, admin);
    await asSuperuser(`DROP ROLE IF EXISTS ${app}`, admin);
    await asSuperuser(`DROP ROLE IF EXISTS ${owner}`, admin);
  });

  it('serves the portal as niko_app: autosave, «Сдать отчет», a new collection with its partition, maintenance', async () => {
    const school = await server.client().login('sch770004');
    const block = (await school.get('/api/niko/data-collection')).body.rows.find(
      (b: { open: boolean }) => b.open,
    );
    const saved = await school.post(`/api/responses/${block.responseId}/changes`, {
      changes: [{ id: '00000000-0000-4000-8000-0000000000a1', cell: 'pupils.g1.boys', value: '12', base: 0 }],
    });
    expect(saved.body.results[0]).toMatchObject({ status: 'applied', version: 1 });

    const done = await server.client().login('sch770003');
    const submitted = (await done.get('/api/niko/data-collection')).body.rows.find(
      (b: { open: boolean }) => b.open,
    );
    expect((await done.post(`/api/responses/${submitted.responseId}/submit`)).status).toBe(200);

    const admin = await server.client().login('admin');
    const form = (await admin.get('/api/forms')).body.rows[0];
    const created = await admin.post('/api/collections', {
      title: 'Новый сбор',
      formVersionId: form.id,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      participants: { codes: ['770001'] },
    });
    expect(created.status).toBe(201);
    const owned = await sql<{ owner: string }>`
      SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = to_regclass(${`cell_changes_c${created.body.id}`})`.execute(
      appDb.db,
    );
    expect(owned.rows).toEqual([{ owner }]);

    expect(
      await runMaintenancePass(appDb.db, { intervalMs: 1, loginWindowMs: 1, exportTtlMs: 1 }),
    ).toMatchObject({
      ran: true,
    });
  });

  it('refuses niko_app any change to the history, its partitions, the ledger and the schema', async () => {
    const partition = (
      await sql<{ name: string }>`
        SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'cell_changes'::regclass LIMIT 1`.execute(
        appDb.db,
      )
    ).rows[0]?.name;
    const refused = [
      'UPDATE submissions SET data = data',
      'DELETE FROM submissions',
      'TRUNCATE submissions',
      "UPDATE cell_changes SET new_value = 'x'",
      'DELETE FROM cell_changes',
      'TRUNCATE cell_changes',
      `DELETE FROM ${partition}`,
      `SELECT * FROM ${partition}`,
      "UPDATE review_events SET comment = 'x'",
      'DELETE FROM review_events',
      "UPDATE audit_log SET action = 'x'",
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      "UPDATE schema_migrations SET checksum = 'x'",
      "INSERT INTO schema_migrations (name) VALUES ('9999_x.sql')",
      'CREATE TABLE intruder (a int)',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_immutable',
    ];
    for (const text of refused) {
      await expect(sql.raw(text).execute(appDb.db), text).rejects.toMatchObject({
        message: expect.stringMatching(/^(permission denied|must be owner)/),
      });
    }
  });
});
