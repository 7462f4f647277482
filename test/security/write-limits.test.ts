// Write routes are rate-limited per user: requests, and characters of cell values (what the change
// history keeps), within a window that starts with the user's first write. Over either limit:
// 429 with Retry-After and a Russian message, nothing stored. The counter is a row in the
// database, so the limit holds across server processes. The tests set small limits in the config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LIMITS = { requests: 5, characters: 25_000, windowMs: 3_600_000 };

let server: TestServer;
let other: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, startWorkers: false, config: { writeLimits: LIMITS } });
  other = await startTestServer({
    database: server.database,
    startWorkers: false,
    config: { writeLimits: LIMITS },
  });
});
afterAll(async () => {
  await other?.close();
  await server?.close();
});

let seq = 0;
const uuid = () => `90000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

async function responseIdOf(c: Client) {
  const blocks = (await c.get('/api/niko/data-collection')).body.rows;
  return blocks.find((b: any) => b.open).responseId as number;
}

/** A batch that sets `cell` from the version `base` to `value`. */
const batch = (cell: string, value: string, base: number) => ({
  changes: [{ id: uuid(), cell, value, base }],
});

async function stored(responseId: number) {
  const db = server.database.db;
  const [cells, history] = await Promise.all([
    db
      .selectFrom('response_cells')
      .select(['cell_key', 'value', 'version'])
      .where('response_id', '=', responseId)
      .orderBy('cell_key')
      .execute(),
    db.selectFrom('cell_changes').select('change_id').where('response_id', '=', responseId).execute(),
  ]);
  return { cells, history: history.length };
}

function expectLimited(res: { status: number; headers: Headers; body: any }) {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(LIMITS.windowMs / 1000);
  expect(res.body).toMatchObject({ title: 'too_many_requests', status: 429 });
  expect(res.body.detail).toMatch(
    /^Слишком много изменений за короткое время\. Повторите через \d+ (с|мин)\.$/,
  );
}

async function restartWindow(login: string) {
  // As if the window had ended: its start moves back past the window's length.
  await server.database.db
    .updateTable('write_rate_counters')
    .set({ window_started_at: new Date(Date.now() - LIMITS.windowMs - 1000) })
    .where('user_id', '=', (eb) => eb.selectFrom('users').select('id').where('login', '=', login))
    .execute();
}

describe('the write limit', () => {
  it('counts a user’s writes on two server processes together; over the limit, 429 with Retry-After and nothing stored', async () => {
    const viaA = await server.client().login('sch770004');
    const viaB = other.client();
    viaB.setCookie('niko_session', viaA.cookie('niko_session') as string);
    const responseId = await responseIdOf(viaA);
    const url = `/api/responses/${responseId}/changes`;
    const clients = [viaA, viaB, viaA, viaB, viaA];
    for (const [i, c] of clients.entries()) {
      expect((await c.post(url, batch('pupils.g1.boys', String(10 + i), i))).status).toBe(200);
    }
    const before = await stored(responseId);
    for (const c of [viaA, viaB]) expectLimited(await c.post(url, batch('pupils.g1.boys', '99', 5)));
    expect(await stored(responseId)).toEqual(before);

    // Reading, and signing out, are not limited.
    expect((await viaB.get(`/api/responses/${responseId}`)).status).toBe(200);
    // Another user is not held by this one's count.
    const neighbour = await server.client().login('sch770010');
    const theirs = await responseIdOf(neighbour);
    expect(
      (await neighbour.post(`/api/responses/${theirs}/changes`, batch('pupils.g1.boys', '3', 0))).status,
    ).toBe(200);

    await restartWindow('sch770004');
    expect((await viaB.post(url, batch('pupils.g1.boys', '99', 5))).status).toBe(200);
    expect((await viaA.post('/api/auth/logout')).status).toBe(200);
  });

  it('counts the characters of cell values: a batch that would store more than the window allows is refused whole', async () => {
    const c = await server.client().login('sch770007');
    const responseId = await responseIdOf(c);
    const url = `/api/responses/${responseId}/changes`;
    const big = 'ж'.repeat(10_000);
    const first = await c.post(url, {
      changes: [
        { id: uuid(), cell: 'school.info.responsible', value: big, base: 0 },
        { id: uuid(), cell: 'school.info.responsible', value: big.replace('ж', 'з'), base: 1 },
      ],
    });
    expect(first.status).toBe(200);
    const before = await stored(responseId);
    const second = await c.post(url, batch('school.info.responsible', big.slice(1), 2));
    expectLimited(second);
    expect(await stored(responseId)).toEqual(before);
    // Small changes still count against the same budget until the window ends.
    expectLimited(await c.post(url, batch('pupils.g1.boys', '1', 0)));
    await restartWindow('sch770007');
    expect((await c.post(url, batch('pupils.g1.boys', '1', 0))).status).toBe(200);
  });

  it('covers every write route, not only autosave, and holds when the requests race', async () => {
    const admin = await server.client().login('admin');
    const onB = other.client();
    onB.setCookie('niko_session', admin.cookie('niko_session') as string);
    const definition = { title: 'Проверка', tables: [] };
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? onB : admin).post('/api/forms/check', { definition })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(LIMITS.requests);
    for (const limited of answers.filter((a) => a.status !== 200)) expectLimited(limited);
    const count = await server.database.db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const created = await admin.post('/api/organizations', {
      code: '779999',
      shortName: 'Новая школа',
      fullName: 'Новая школа',
      kind: 'school',
      municipalityId: 1,
    });
    expectLimited(created);
    expect(
      await server.database.db
        .selectFrom('organizations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(count);
    expect((await admin.get('/api/organizations?pageSize=1')).status).toBe(200);
  });
});
