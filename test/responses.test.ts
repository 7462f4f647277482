// The organization's response: the «Сбор данных» block, autosave with change ids and versions,
// conflicts between two people, closed collections, «Сдать отчет», and the status it moves.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAnswers } from '../src/server/demo/niko-answers.js';
import type { Client } from './support/client.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

async function openBlock(c: Client) {
  const blocks = (await c.get('/api/niko/data-collection')).body.rows;
  const open = blocks.find((b: any) => b.open);
  expect(open).toBeTruthy();
  return open;
}

async function statusOf(responseId: number) {
  return server.database.db
    .selectFrom('responses')
    .select(['status', 'started_at', 'first_submitted_at', 'last_submitted_at', 'submission_count'])
    .where('id', '=', responseId)
    .executeTakeFirstOrThrow();
}

describe('the «Сбор данных» block', () => {
  it('shows sch770001 an open collection it has not started, and a closed one from the past', async () => {
    const c = await server.client().login('sch770001');
    const blocks = (await c.get('/api/niko/data-collection')).body.rows;
    expect(blocks).toHaveLength(2);
    const [open, closed] = blocks;
    expect(open).toMatchObject({ open: true, status: 'not_started', lastSubmittedAt: null });
    expect(new Date(open.endsAt).getTime() - Date.now()).toBeGreaterThan(13 * 86_400_000);
    expect(closed).toMatchObject({ open: false, status: 'submitted' });
    const response = (await c.get(`/api/responses/${open.responseId}`)).body;
    expect(response.canEdit).toBe(true);
    expect(response.definition.tables).toHaveLength(6);
    expect(response.cells).toEqual({});
    const past = (await c.get(`/api/responses/${closed.responseId}`)).body;
    expect(past.canEdit).toBe(false);
    expect(past.cells['pupils.g1.boys'].value).toMatch(/^\d+$/);
  });

  it('shows who typed the demo values and who sent the demo reports: the school itself', async () => {
    // 770003 is the third of Moscow's participants: its demo report is submitted.
    const c = await server.client().login('sch770003');
    const block = await openBlock(c);
    expect(block.status).toBe('submitted');
    const response = (await c.get(`/api/responses/${block.responseId}`)).body;
    const value = response.cells['pupils.g1.boys'].value;
    const history = (await c.get(`/api/responses/${block.responseId}/history?cell=pupils.g1.boys`)).body.rows;
    expect(history).toEqual([
      expect.objectContaining({ userLogin: 'sch770003', newValue: value, version: 1 }),
    ]);
    const sender = await server.database.db
      .selectFrom('submissions')
      .innerJoin('users', 'users.id', 'submissions.submitted_by')
      .select('users.login')
      .where('submissions.response_id', '=', block.responseId)
      .executeTakeFirstOrThrow();
    expect(sender.login).toBe('sch770003');
  });
});

describe('autosave', () => {
  // Demo participants in Moscow cycle through the states by code: 770001, 770004, 770007, … have not started.
  it('applies each change once, moves «Не приступило» to «В работе», and records history', async () => {
    const c = await server.client().login('sch770004');
    const block = await openBlock(c);
    const url = `/api/responses/${block.responseId}/changes`;
    expect((await statusOf(block.responseId)).status).toBe('not_started');
    const id = uuid();
    const change = { id, cell: 'pupils.g1.boys', value: '12', base: 0 };
    const first = await c.post(url, { changes: [change] });
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([
      { id, cell: 'pupils.g1.boys', status: 'applied', version: 1, value: '12' },
    ]);
    // The same change again (a retry after a lost answer) is not applied twice.
    const again = await c.post(url, { changes: [change] });
    expect(again.body.results[0]).toMatchObject({ status: 'duplicate', version: 1 });
    const after = await statusOf(block.responseId);
    expect(after.status).toBe('in_progress');
    expect(after.started_at).toBeInstanceOf(Date);
    const history = (await c.get(`/api/responses/${block.responseId}/history?cell=pupils.g1.boys`)).body.rows;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ userLogin: 'sch770004', newValue: '12', version: 1 });
  });

  it('keeps an invalid value as a draft', async () => {
    const c = await server.client().login('sch770007');
    const block = await openBlock(c);
    const res = await c.post(`/api/responses/${block.responseId}/changes`, {
      changes: [{ id: uuid(), cell: 'pupils.g2.girls', value: 'двенадцать', base: 0 }],
    });
    expect(res.status).toBe(200);
    const response = (await c.get(`/api/responses/${block.responseId}`)).body;
    expect(response.cells['pupils.g2.girls']).toEqual({ value: 'двенадцать', version: 1 });
  });

  it('merges two people’s changes to different cells and reports a conflict on the same cell', async () => {
    const a = await server.client().login('sch770005');
    const block = await openBlock(a);
    const url = `/api/responses/${block.responseId}/changes`;
    const b = await server.client().login('sch770005');
    expect(
      (await a.post(url, { changes: [{ id: uuid(), cell: 'teachers.first.exp_0_3', value: '3', base: 0 }] }))
        .status,
    ).toBe(200);
    expect(
      (await b.post(url, { changes: [{ id: uuid(), cell: 'teachers.none.exp_0_3', value: '4', base: 0 }] }))
        .status,
    ).toBe(200);
    // B typed in the same cell as A, based on the version before A's change.
    const conflictId = uuid();
    const conflict = await b.post(url, {
      changes: [
        { id: conflictId, cell: 'teachers.first.exp_0_3', value: '5', base: 0 },
        { id: uuid(), cell: 'teachers.none.exp_3_5', value: '1', base: 0 },
      ],
    });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(conflict.body.detail).toMatch(/другой пользователь изменил/);
    expect(conflict.body.results[0]).toEqual({
      id: conflictId,
      cell: 'teachers.first.exp_0_3',
      status: 'conflict',
      yours: '5',
      current: { value: '3', version: 1 },
    });
    expect(conflict.body.results[1]).toMatchObject({ status: 'applied', version: 1 });
    // B chooses its own value, now based on the current version.
    const resolved = await b.post(url, {
      changes: [{ id: uuid(), cell: 'teachers.first.exp_0_3', value: '5', base: 1 }],
    });
    expect(resolved.body.results[0]).toMatchObject({ status: 'applied', version: 2 });
    const cells = (await a.get(`/api/responses/${block.responseId}`)).body.cells;
    expect(cells['teachers.first.exp_0_3']).toEqual({ value: '5', version: 2 });
    expect(cells['teachers.none.exp_0_3']).toEqual({ value: '4', version: 1 });
    expect(cells['teachers.none.exp_3_5']).toEqual({ value: '1', version: 1 });
  });

  it('refuses bad batches with problem+json and changes nothing', async () => {
    const c = await server.client().login('sch770010');
    const block = await openBlock(c);
    const url = `/api/responses/${block.responseId}/changes`;
    const used = uuid();
    await c.post(url, { changes: [{ id: used, cell: 'pupils.g3.boys', value: '7', base: 0 }] });
    const snapshot = async () => (await c.get(`/api/responses/${block.responseId}`)).body.cells;
    const before = await snapshot();
    const cases: [unknown, number, RegExp][] = [
      [
        { changes: [{ id: uuid(), cell: 'pupils.g99.boys', value: '1', base: 0 }] },
        400,
        /Неизвестные ячейки: pupils\.g99\.boys/,
      ],
      [
        { changes: [{ id: uuid(), cell: 'pupils.g1.total', value: '1', base: 0 }] },
        400,
        /Неизвестные ячейки/,
      ],
      [{ changes: [{ id: 'not-a-uuid', cell: 'pupils.g4.boys', value: '1', base: 0 }] }, 400, /UUID/],
      [{ changes: [{ id: used, cell: 'pupils.g4.boys', value: '9', base: 0 }] }, 422, /уже использован/],
      [
        {
          changes: Array.from({ length: 201 }, () => ({
            id: uuid(),
            cell: 'pupils.g4.boys',
            value: '1',
            base: 0,
          })),
        },
        400,
        /Не больше 200 изменений/,
      ],
      [
        { changes: [{ id: uuid(), cell: 'pupils.g4.boys', value: 1, base: 0 }] },
        400,
        /Запрос содержит ошибки/,
      ],
      [
        { changes: [{ id: uuid(), cell: 'pupils.g4.boys', value: 'x'.repeat(10_001), base: 0 }] },
        400,
        /Запрос содержит ошибки/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const res = await c.post(url, body);
      expect({ status: res.status, message: JSON.stringify(res.body) }).toEqual({
        status,
        message: expect.stringMatching(message),
      });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses another organization’s response as missing', async () => {
    const mine = await server.client().login('sch770013');
    const theirs = await openBlock(await server.client().login('sch770011'));
    const res = await mine.post(`/api/responses/${theirs.responseId}/changes`, {
      changes: [{ id: uuid(), cell: 'pupils.g1.boys', value: '1', base: 0 }],
    });
    expect(res.status).toBe(404);
    expect((await mine.get(`/api/responses/${theirs.responseId}`)).status).toBe(404);
    expect((await mine.post(`/api/responses/${theirs.responseId}/submit`)).status).toBe(404);
  });
});

describe('«Сдать отчет»', () => {
  it('blocks an invalid form, then stores a snapshot; the first submission moves the status to «Сдано»', async () => {
    const c = await server.client().login('sch770001');
    const block = await openBlock(c);
    const url = `/api/responses/${block.responseId}/changes`;
    const answers = demoAnswers(1, '2026-11-25');
    const changes = Object.entries(answers).map(([cell, value]) => ({ id: uuid(), cell, value, base: 0 }));
    for (let i = 0; i < changes.length; i += 200)
      expect((await c.post(url, { changes: changes.slice(i, i + 200) })).status).toBe(200);
    expect((await statusOf(block.responseId)).status).toBe('in_progress');

    const bad = await c.post(url, {
      changes: [{ id: uuid(), cell: 'pupils.g1.ovz', value: '999', base: 1 }],
    });
    expect(bad.status).toBe(200);
    const refused = await c.post(`/api/responses/${block.responseId}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.title).toBe('form_invalid');
    expect(refused.body.detail).toBe('Отчёт не сдан: в форме есть ошибки. Исправьте их и повторите.');
    expect(refused.body.ruleErrors).toEqual([
      expect.objectContaining({ rule: 'pupils_ovz_within_total', row: 'g1' }),
    ]);
    expect((await statusOf(block.responseId)).status).toBe('in_progress');

    await c.post(url, { changes: [{ id: uuid(), cell: 'pupils.g1.ovz', value: '1', base: 2 }] });
    const ok = await c.post(`/api/responses/${block.responseId}/submit`);
    expect(ok.status).toBe(200);
    const submitted = await statusOf(block.responseId);
    expect(submitted).toMatchObject({ status: 'submitted', submission_count: 1 });
    expect(submitted.first_submitted_at).toEqual(submitted.last_submitted_at);
    const blocks = (await c.get('/api/niko/data-collection')).body.rows;
    expect(blocks.find((b: any) => b.open).lastSubmittedAt).toBe(new Date(ok.body.submittedAt).toISOString());
    // An hour passes (in the database, not on the clock), so the next submission's time is later.
    await server.database.db
      .updateTable('responses')
      .set({
        started_at: sql`started_at - interval '1 hour'`,
        first_submitted_at: sql`first_submitted_at - interval '1 hour'`,
        last_submitted_at: sql`last_submitted_at - interval '1 hour'`,
      })
      .where('id', '=', block.responseId)
      .execute();
    const s1 = await statusOf(block.responseId);

    // A later change keeps «Сдано»; a second submission keeps the first snapshot too.
    await c.post(url, { changes: [{ id: uuid(), cell: 'pupils.g2.ovz', value: '0', base: 1 }] });
    expect((await statusOf(block.responseId)).status).toBe('submitted');
    expect((await c.post(`/api/responses/${block.responseId}/submit`)).status).toBe(200);
    const s2 = await statusOf(block.responseId);
    expect(s2.submission_count).toBe(2);
    expect(s2.first_submitted_at).toEqual(s1.first_submitted_at);
    expect(s2.last_submitted_at!.getTime()).toBeGreaterThan(s1.last_submitted_at!.getTime());
    const snapshots = await server.database.db
      .selectFrom('submissions')
      .select(['data'])
      .where('response_id', '=', block.responseId)
      .orderBy('id')
      .execute();
    expect(snapshots).toHaveLength(2);
    expect(snapshots[0]!.data.values['pupils.g2.ovz']).toBe(answers['pupils.g2.ovz']);
    expect(snapshots[1]!.data.values['pupils.g2.ovz']).toBe('0');
    // Snapshots are immutable, even to a direct UPDATE.
    await expect(
      server.database.db
        .updateTable('submissions')
        .set({ submitted_by: null })
        .where('response_id', '=', block.responseId)
        .execute(),
    ).rejects.toThrow(/immutable/);
  });
});
