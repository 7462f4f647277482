// Monitoring (manual §3): live counts after each state change, the participant list with its
// filters, sorts and paging, submitted data with a note about later changes, and scope per role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAnswers } from '../src/server/demo/niko-answers.js';
import type { Client } from './support/client.js';
import { openCollectionId } from './support/demo.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let collectionId: number;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
  collectionId = await openCollectionId(server.database.db);
});
afterAll(() => server.close());

let seq = 0;
const uuid = () => `30000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const stats = async (c: Client, query = '') =>
  (await c.get(`/api/monitoring/collections/${collectionId}/stats${query}`)).body;

async function dbCounts(where: { region?: string; municipality?: number } = {}) {
  let q = server.database.db
    .selectFrom('responses')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('collection_id', '=', collectionId)
    .groupBy('status');
  if (where.region) q = q.where('region_code', '=', where.region);
  if (where.municipality) q = q.where('municipality_id', '=', where.municipality);
  const rows = await q.execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return {
    total: rows.reduce((a, r) => a + Number(r.n), 0),
    notStarted: n('not_started'),
    inProgress: n('in_progress'),
    submitted: n('submitted'),
  };
}

async function responseOf(login: string) {
  const c = await server.client().login(login);
  const block = (await c.get('/api/niko/data-collection')).body.rows.find((b: any) => b.open);
  return { c, id: block.responseId as number };
}

describe('«Общая статистика»', () => {
  it('counts reg77’s region live: a first change and a submission show at once', async () => {
    const reg = await server.client().login('reg77');
    const before = await stats(reg);
    expect(before).toMatchObject(await dbCounts({ region: '77' }));
    expect(before.total).toBeGreaterThanOrEqual(30);
    expect(before.breakdownBy).toBe('municipality');
    expect(before.breakdown.reduce((a: number, b: any) => a + b.total, 0)).toBe(before.total);

    const { c, id } = await responseOf('sch770001');
    const changes = Object.entries(demoAnswers(1, '2026-11-25')).map(([cell, value]) => ({
      id: uuid(),
      cell,
      value,
      base: 0,
    }));
    expect((await c.post(`/api/responses/${id}/changes`, { changes: changes.slice(0, 100) })).status).toBe(
      200,
    );
    const started = await stats(reg);
    expect([started.notStarted, started.inProgress, started.submitted]).toEqual([
      before.notStarted - 1,
      before.inProgress + 1,
      before.submitted,
    ]);

    expect((await c.post(`/api/responses/${id}/changes`, { changes: changes.slice(100) })).status).toBe(200);
    expect((await c.post(`/api/responses/${id}/submit`)).status).toBe(200);
    const after = await stats(reg);
    expect([after.notStarted, after.inProgress, after.submitted]).toEqual([
      before.notStarted - 1,
      before.inProgress,
      before.submitted + 1,
    ]);
    expect(after.byDay.at(-1).cumulative).toBe(after.submitted);
  });

  it('shows the federal operator the country by region, filterable by region', async () => {
    const admin = await server.client().login('admin');
    const all = await stats(admin);
    expect(all).toMatchObject(await dbCounts());
    expect(all.breakdownBy).toBe('region');
    expect(all.breakdown.map((b: any) => b.key)).toEqual(expect.arrayContaining(['77', '50']));
    expect(all.breakdown.find((b: any) => b.key === '77').name).toBe('г. Москва');
    const moscow = await stats(admin, '?regionCode=77');
    expect(moscow).toMatchObject(await dbCounts({ region: '77' }));
  });

  it('shows a municipal coordinator only its municipality', async () => {
    const mun = await server.client().login('mun77001');
    const me = (await mun.get('/api/auth/session')).body.user;
    const s = await stats(mun);
    expect(s).toMatchObject(await dbCounts({ municipality: me.municipalityId }));
    expect(s.breakdown).toHaveLength(1);
    // Asking for another area narrows within the scope, never beyond it.
    expect((await stats(mun, '?regionCode=50')).total).toBe(0);
  });
});

describe('«Список участников»', () => {
  it('finds by name or login, filters by status and municipality, sorts and pages', async () => {
    const reg = await server.client().login('reg77');
    const base = `/api/monitoring/collections/${collectionId}/participants`;
    const found = (await reg.get(`${base}?q=sch770001`)).body;
    expect(found.rows.map((r: any) => r.code)).toEqual(['770001']);
    expect(found.rows[0]).toMatchObject({ status: 'submitted', changedSinceSubmission: false });
    expect(found.rows[0].startedAt).toBeTruthy();
    expect((await reg.get(`${base}?q=${encodeURIComponent('школа № 1001')}`)).body.rows[0].code).toBe(
      '770001',
    );

    const submitted = (await reg.get(`${base}?status=submitted&sort=submittedAt&dir=desc&pageSize=5`)).body;
    expect(submitted.rows.every((r: any) => r.status === 'submitted')).toBe(true);
    const dates = submitted.rows.map((r: any) => new Date(r.lastSubmittedAt).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(submitted.total).toBe((await dbCounts({ region: '77' })).submitted);

    const page2 = (await reg.get(`${base}?sort=code&pageSize=10&page=2`)).body;
    expect(page2.rows[0].code).toBe('770011');
    expect((await reg.get(`${base}?page=999`)).body.rows).toEqual([]);
    const mun = page2.rows[0].municipalityId;
    const inMun = (await reg.get(`${base}?municipalityId=${mun}&pageSize=200`)).body.rows;
    expect(new Set(inMun.map((r: any) => r.municipalityId))).toEqual(new Set([mun]));
    expect(new Set((await reg.get(`${base}?pageSize=200`)).body.rows.map((r: any) => r.regionCode))).toEqual(
      new Set(['77']),
    );
  });

  it('refuses unknown filters and sorts with a Russian message', async () => {
    const reg = await server.client().login('reg77');
    const base = `/api/monitoring/collections/${collectionId}/participants`;
    for (const q of [
      '?sort=password',
      '?status=done',
      '?dir=up',
      '?pageSize=1000',
      '?page=0',
      '?regionCode=7',
    ]) {
      const res = await reg.get(base + q);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toBe('Запрос содержит ошибки.');
    }
    expect((await reg.get('/api/monitoring/collections/999999/stats')).status).toBe(404);
  });
});

describe('submitted data', () => {
  it('opens the last submitted data read-only and notes later changes', async () => {
    const reg = await server.client().login('reg77');
    const { c, id } = await responseOf('sch770001');
    const view = (await reg.get(`/api/monitoring/responses/${id}/submitted`)).body;
    expect(view).toMatchObject({ submitted: true, code: '770001', changedSinceSubmission: false });
    expect(view.data.values['pupils.g1.boys']).toBe(demoAnswers(1, '2026-11-25')['pupils.g1.boys']);
    expect(view.definition.tables).toHaveLength(6);
    const cells = (await c.get(`/api/responses/${id}`)).body.cells;
    await c.post(`/api/responses/${id}/changes`, {
      changes: [{ id: uuid(), cell: 'pupils.g1.boys', value: '30', base: cells['pupils.g1.boys'].version }],
    });
    const later = (await reg.get(`/api/monitoring/responses/${id}/submitted`)).body;
    expect(later.changedSinceSubmission).toBe(true);
    expect(later.data.values['pupils.g1.boys']).not.toBe('30');
  });

  it('keeps every role to its scope', async () => {
    const { id } = await responseOf('sch770001');
    const other = await responseOf('sch500001');
    for (const login of ['reg50', 'mun77002']) {
      const c = await server.client().login(login);
      expect((await c.get(`/api/monitoring/responses/${id}/submitted`)).status, login).toBe(404);
    }
    expect(
      (await (await server.client().login('reg01')).get(`/api/monitoring/collections/${collectionId}/stats`))
        .status,
    ).toBe(404);
    const school = await server.client().login('sch770001');
    expect((await school.get(`/api/monitoring/collections/${collectionId}/stats`)).status).toBe(404);
    expect((await school.get(`/api/monitoring/responses/${other.id}/submitted`)).status).toBe(404);
  });
});
