// Moving an organization to another municipality (by the federal operator's edit or by an
// import) moves everything about it: every route that reads the organization, its account or its
// responses answers its new coordinators and no longer its old ones, lists, counts and exports
// included, and the organization's own account keeps working. A move to another region is refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations } from '../../src/server/db/migrate.js';
import { csv, ORG_COLUMNS } from '../import/files.js';
import type { Client } from '../support/client.js';
import { ONE_CELL_FORM, openDemoCollectionId } from '../support/demo.js';
import { exportedCodes } from '../support/exports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: Client;
let demoCollectionId: number;
let formVersionId: number;
const db = () => server.database.db;

const CELL = 't.r.n';

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  admin = await server.client().login('admin');
  demoCollectionId = await openDemoCollectionId(db());
  formVersionId = (await admin.post('/api/forms', { definition: ONE_CELL_FORM })).body.versionId;
});
afterAll(() => server.close());

let seq = 0;
const uuid = () => `50000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

async function municipalityId(code: string) {
  return (
    await db().selectFrom('municipalities').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  ).id;
}

/**
 * An organization of a municipality that takes part in the demo collection and in a collection of
 * its own (its only participant), where it has saved a value and submitted: so it has a response,
 * a cell history and submitted data, and the collection is visible only through it.
 */
async function prepare(municipalityCode: string) {
  const org = await db()
    .selectFrom('organizations as o')
    .innerJoin('municipalities as m', 'm.id', 'o.municipality_id')
    .innerJoin('responses as resp', 'resp.organization_id', 'o.id')
    .innerJoin('users as u', 'u.organization_id', 'o.id')
    .select([
      'o.id',
      'o.code',
      'o.short_name as shortName',
      'o.full_name as fullName',
      'o.kind',
      'o.municipality_id as municipalityId',
      'u.id as userId',
      'u.login',
      'resp.id as demoResponseId',
    ])
    .where('m.code', '=', municipalityCode)
    .where('resp.collection_id', '=', demoCollectionId)
    .orderBy('o.code')
    .executeTakeFirstOrThrow();
  const window = {
    startsAt: new Date(Date.now() - 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
  const created = await admin.post('/api/collections', {
    title: `Только ${org.code}`,
    formVersionId,
    ...window,
    participants: { codes: [org.code] },
  });
  expect(created.status).toBe(201);
  const school = await server.client().login(org.login);
  const block = (await school.get('/api/niko/data-collection')).body.rows.find(
    (b: any) => b.collectionId === created.body.id,
  );
  const responseId = block.responseId as number;
  const changes = [{ id: uuid(), cell: CELL, value: '5', base: 0 }];
  expect((await school.post(`/api/responses/${responseId}/changes`, { changes })).status).toBe(200);
  expect((await school.post(`/api/responses/${responseId}/submit`)).status).toBe(200);
  return { ...org, collectionId: created.body.id as number, responseId, school };
}
type Target = Awaited<ReturnType<typeof prepare>>;

/** What a coordinator can see of the organization, through every route that reads it or its responses. */
async function view(c: Client, t: Target) {
  const status = async (url: string) => (await c.get(url)).status;
  const listed = async (url: string, has: (row: any) => boolean) =>
    ((await c.get(url)).body.rows ?? []).some(has);
  const participants = await c.get(`/api/monitoring/collections/${t.collectionId}/participants`);
  const stats = await c.get(`/api/monitoring/collections/${t.collectionId}/stats`);
  return {
    organization: await status(`/api/organizations/${t.id}`),
    inOrganizations: await listed(`/api/organizations?q=${t.code}`, (o) => o.id === t.id),
    account: await status(`/api/users/${t.userId}`),
    inUsers: await listed(`/api/users?q=${t.login}`, (u) => u.id === t.userId),
    collection: await status(`/api/collections/${t.collectionId}`),
    inCollections: await listed('/api/collections', (col) => col.id === t.collectionId),
    response: await status(`/api/responses/${t.responseId}`),
    history: await status(`/api/responses/${t.responseId}/history?cell=${CELL}`),
    submitted: await status(`/api/monitoring/responses/${t.responseId}/submitted`),
    stats: { status: stats.status, total: stats.body.total },
    participants: { status: participants.status, total: participants.body.total },
    exports: await status(`/api/monitoring/collections/${t.collectionId}/exports`),
    demoResponse: await status(`/api/responses/${t.demoResponseId}`),
    demoSubmitted: await status(`/api/monitoring/responses/${t.demoResponseId}/submitted`),
    inDemoParticipants: await listed(
      `/api/monitoring/collections/${demoCollectionId}/participants?q=${t.code}`,
      (p) => p.responseId === t.demoResponseId,
    ),
    inDemoExport: (await exportedCodes(c, demoCollectionId)).has(t.code),
  };
}

const SEES = {
  organization: 200,
  inOrganizations: true,
  account: 200,
  inUsers: true,
  collection: 200,
  inCollections: true,
  response: 200,
  history: 200,
  submitted: 200,
  stats: { status: 200, total: 1 },
  participants: { status: 200, total: 1 },
  exports: 200,
  demoResponse: 200,
  demoSubmitted: 200,
  inDemoParticipants: true,
  inDemoExport: true,
};
const BLIND = {
  organization: 404,
  inOrganizations: false,
  account: 404,
  inUsers: false,
  collection: 404,
  inCollections: false,
  response: 404,
  history: 404,
  submitted: 404,
  stats: { status: 404, total: undefined },
  participants: { status: 404, total: undefined },
  exports: 404,
  demoResponse: 404,
  demoSubmitted: 404,
  inDemoParticipants: false,
  inDemoExport: false,
};

/** The demo collection's count of participants, as «Общая статистика» shows it to a coordinator. */
async function demoTotal(c: Client) {
  return (await c.get(`/api/monitoring/collections/${demoCollectionId}/stats`)).body.total as number;
}

/** reg77's breakdown of the organization's own collection: the municipality it is counted under. */
async function regionalBreakdown(t: Target) {
  const reg = await server.client().login('reg77');
  const stats = (await reg.get(`/api/monitoring/collections/${t.collectionId}/stats`)).body;
  return stats.breakdown.map((b: any) => ({ key: b.key, total: b.total }));
}

/**
 * Moves the organization with `move`, and checks every route before and after it: the old
 * municipality's coordinator sees it only before, the new one only after, reg77 throughout, and
 * the organization's own account (signed in before the move) keeps working.
 */
async function expectMoveFollowed(t: Target, to: string, move: () => Promise<void>) {
  const from = await db()
    .selectFrom('municipalities')
    .select('code')
    .where('id', '=', t.municipalityId)
    .executeTakeFirstOrThrow();
  const oldMun = await server.client().login(`mun${from.code}`);
  const newMun = await server.client().login(`mun${to}`);
  const toId = await municipalityId(to);
  expect(await view(oldMun, t)).toEqual(SEES);
  expect(await view(newMun, t)).toEqual(BLIND);
  const totals = { old: await demoTotal(oldMun), new: await demoTotal(newMun) };
  expect(await regionalBreakdown(t)).toEqual([{ key: String(t.municipalityId), total: 1 }]);

  await move();

  expect(await view(oldMun, t)).toEqual(BLIND);
  expect(await view(newMun, t)).toEqual(SEES);
  expect(await demoTotal(oldMun)).toBe(totals.old - 1);
  expect(await demoTotal(newMun)).toBe(totals.new + 1);
  expect(await regionalBreakdown(t)).toEqual([{ key: String(toId), total: 1 }]);
  expect(await view(await server.client().login('reg77'), t)).toEqual(SEES);
  await expectAccountWorks(t, toId);
}

async function expectAccountWorks(t: Target, municipality: number) {
  const school = t.school;
  expect((await school.get('/api/auth/session')).body.user.municipalityId).toBe(municipality);
  const blocks = (await school.get('/api/niko/data-collection')).body.rows.map((b: any) => b.responseId);
  expect(blocks).toEqual(expect.arrayContaining([t.responseId, t.demoResponseId]));
  expect((await school.get(`/api/responses/${t.responseId}`)).status).toBe(200);
  const changes = [{ id: uuid(), cell: CELL, value: '6', base: 1 }];
  const saved = await school.post(`/api/responses/${t.responseId}/changes`, { changes });
  expect(saved.status).toBe(200);
  expect((await school.post(`/api/responses/${t.responseId}/submit`)).status).toBe(200);
  const history = await school.get(`/api/responses/${t.responseId}/history?cell=${CELL}`);
  expect(history.body.rows.map((h: any) => h.newValue)).toEqual(['6', '5']);
}

/** The organization's row and its participant rows: a refused move must leave all of them alone. */
async function stored(t: Target) {
  const org = await db()
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', t.id)
    .executeTakeFirstOrThrow();
  const responses = await db()
    .selectFrom('responses')
    .selectAll()
    .where('organization_id', '=', t.id)
    .orderBy('id')
    .execute();
  return { org, responses };
}

function importOrganization(t: Target, regionCode: string, municipalityCode: string) {
  const row = { ...t, regionCode, municipalityCode };
  const content = csv([
    ORG_COLUMNS,
    [row.code, row.shortName, row.fullName, row.kind, row.regionCode, row.municipalityCode],
  ]);
  return admin.upload('/api/import/organizations', { name: 'move.csv', content, type: 'text/csv' });
}

describe('a move within the region', () => {
  it('by the operator’s edit: every route follows the organization to its new municipality', async () => {
    const t = await prepare('77003');
    await expectMoveFollowed(t, '77001', async () => {
      const res = await admin.patch(`/api/organizations/${t.id}`, {
        municipalityId: await municipalityId('77001'),
      });
      expect(res.status).toBe(200);
      expect(res.body.municipalityCode).toBe('77001');
    });
  });

  it('by an import: every route follows the organization to its new municipality', async () => {
    const t = await prepare('77002');
    await expectMoveFollowed(t, '77004', async () => {
      const res = await importOrganization(t, '77', '77004');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ applied: true, updated: 1, refused: [] });
    });
  });
});

describe('a move to another region', () => {
  it('is refused by the operator’s edit with a Russian message, and nothing changes', async () => {
    const t = await prepare('77005');
    const before = await stored(t);
    const res = await admin.patch(`/api/organizations/${t.id}`, {
      municipalityId: await municipalityId('50001'),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toBe('Организацию можно перевести только в муниципалитет того же региона.');
    expect(await stored(t)).toEqual(before);
  });

  it('is refused by an import with a Russian message per row, and nothing changes', async () => {
    const t = await prepare('77006');
    const before = await stored(t);
    for (const [region, municipality, message] of [
      ['50', '50001', `Код организации ${t.code} должен начинаться с кода региона 50`],
      ['77', '50001', 'Муниципалитет 50001 не относится к региону 77'],
    ] as const) {
      const res = await importOrganization(t, region, municipality);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ applied: false, updated: 0 });
      expect(JSON.stringify(res.body.refused)).toContain(message);
    }
    expect(await stored(t)).toEqual(before);
  });
});

describe('the database', () => {
  // No code path can leave a participant's territory behind: a write that bypasses the services
  // moves the copies too, and a participant row whose territory is not its organization's never lands.
  it('moves the participant rows with the organization, whatever writes it, to another region too', async () => {
    const t = await prepare('77007');
    const [to77, to50] = [await municipalityId('77008'), await municipalityId('50001')];
    const territory = () =>
      db()
        .selectFrom('responses')
        .select(['region_code', 'municipality_id'])
        .distinct()
        .where('organization_id', '=', t.id)
        .execute();
    await sql`UPDATE organizations SET municipality_id = ${to77} WHERE id = ${t.id}`.execute(db());
    expect(await territory()).toEqual([{ region_code: '77', municipality_id: to77 }]);
    await db()
      .transaction()
      .execute(async (tx) => {
        await sql`UPDATE organizations SET region_code = '50', municipality_id = ${to50} WHERE id = ${t.id}`.execute(
          tx,
        );
        const moved = await tx
          .selectFrom('responses')
          .select(['region_code', 'municipality_id'])
          .distinct()
          .where('organization_id', '=', t.id)
          .execute();
        expect(moved).toEqual([{ region_code: '50', municipality_id: to50 }]);
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    expect(await territory()).toEqual([{ region_code: '77', municipality_id: to77 }]);
    // A collection the organization is not in yet: its participant row may only carry its territory.
    const other = await admin.post('/api/collections', {
      title: 'Без перевода',
      formVersionId,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      participants: { codes: ['500001'] },
    });
    const elsewhere = sql`INSERT INTO responses (collection_id, organization_id, region_code, municipality_id)
      VALUES (${other.body.id}, ${t.id}, '77', ${await municipalityId('77009')})`;
    await expect(elsewhere.execute(db())).rejects.toMatchObject({ code: '23503' });
  });

  it('migration 0009 sets right the copies that moves made before it left behind', async () => {
    const t = await prepare('77010');
    const migration = listMigrations().find((m) => m.name.startsWith('0009_'));
    const to = await municipalityId('77011');
    // Everything below on this one connection: PGlite runs one transaction at a time.
    const client = await server.database.pool.connect();
    try {
      await client.query('BEGIN');
      // The schema as it was before 0009 (migration 0005's keys), with a move's copies left behind.
      // CASCADE: later tables' keys onto the territory (reminder recipients, 0016) go too, until the rollback.
      await client.query(`
        ALTER TABLE responses DROP CONSTRAINT responses_territory_fkey;
        ALTER TABLE organizations DROP CONSTRAINT organizations_territory_key CASCADE;
        ALTER TABLE responses ADD FOREIGN KEY (organization_id) REFERENCES organizations (id),
          ADD FOREIGN KEY (region_code) REFERENCES regions (code),
          ADD FOREIGN KEY (municipality_id) REFERENCES municipalities (id)`);
      await client.query('UPDATE organizations SET municipality_id = $1 WHERE id = $2', [to, t.id]);
      const territory = async () =>
        (
          await client.query(
            'SELECT DISTINCT region_code, municipality_id FROM responses WHERE organization_id = $1',
            [t.id],
          )
        ).rows;
      expect(await territory()).toEqual([{ region_code: '77', municipality_id: t.municipalityId }]);
      await client.query(migration?.sql ?? 'no migration 0009');
      expect(await territory()).toEqual([{ region_code: '77', municipality_id: to }]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

class Rollback extends Error {}
