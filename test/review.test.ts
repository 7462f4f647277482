// Review of submitted reports (issue 11 §1): «Принять» and «Вернуть на доработку» for one report
// or several, the comment's rules, all-or-nothing bulk reviews, an accepted report locked, a
// returned one editable after the close (until a personal deadline), resubmission back to
// «Не проверено», the counts, the list's filter and sort, the export's columns, roles and scope,
// and the audit lines. A collection of its own (one cell) keeps the demo's numbers out of it.
import type ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './support/client.js';
import { ONE_CELL_FORM, openDemoCollectionId } from './support/demo.js';
import { downloadExport, exportAndWait, rowsOf } from './support/exports.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let collectionId: number;
const resp: Record<string, number> = {};
const clients: Record<string, Client> = {};
let seq = 0;
const uuid = () => `50000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  for (const login of ['admin', 'reg77', 'reg50', 'mun77001', 'sch770001', 'sch770002', 'sch770003']) {
    clients[login] = await server.client().login(login);
  }
  const admin = clients.admin as Client;
  const version = (await admin.post('/api/forms', { definition: ONE_CELL_FORM })).body;
  collectionId = (
    await admin.post('/api/collections', {
      title: 'Проверка отчётов',
      formVersionId: version.versionId,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      participants: { codes: ['770001', '770002', '770003', '500001'] },
    })
  ).body.id;
  for (const r of await server.database.db
    .selectFrom('responses as r')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .select(['r.id', 'o.code'])
    .where('r.collection_id', '=', collectionId)
    .execute())
    resp[r.code] = r.id;
  // Three Moscow schools type a value and submit; 500001 never starts.
  for (const code of ['770001', '770002', '770003']) {
    expect((await change(code, '1')).status).toBe(200);
    expect((await school(code).post(`/api/responses/${resp[code]}/submit`)).status).toBe(200);
  }
});
afterAll(() => server.close());

const school = (code: string) => clients[`sch${code}`] as Client;
const c = (login: string) => clients[login] as Client;

async function cellVersion(code: string) {
  const row = await server.database.db
    .selectFrom('response_cells')
    .select('version')
    .where('response_id', '=', resp[code] as number)
    .where('cell_key', '=', 't.r.n')
    .executeTakeFirst();
  return row?.version ?? 0;
}

async function change(code: string, value: string) {
  const base = await cellVersion(code);
  return school(code).post(`/api/responses/${resp[code]}/changes`, {
    changes: [{ id: uuid(), cell: 't.r.n', value, base }],
  });
}

const review = (login: string, code: string, body: object) =>
  c(login).post(`/api/responses/${resp[code]}/review`, body);

async function state() {
  const rows = await server.database.db
    .selectFrom('responses as r')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .select(['o.code', 'r.review_state', 'r.reviewed_at', 'r.extended_until', 'r.submission_count'])
    .where('r.collection_id', '=', collectionId)
    .orderBy('o.code')
    .execute();
  const events = await server.database.db
    .selectFrom('review_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const audits = await server.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', 'in', ['response.accepted', 'response.returned'])
    .executeTakeFirstOrThrow();
  return { rows, events: Number(events.n), audits: Number(audits.n) };
}

const blockOf = async (code: string) =>
  (await school(code).get('/api/niko/data-collection')).body.rows.find(
    (b: { collectionId: number }) => b.collectionId === collectionId,
  );

describe('roles and scope', () => {
  it('refuses a school (404 for one report, 403 for the bulk route) and anyone out of scope (404), changing nothing', async () => {
    const before = await state();
    const body = { decision: 'accept' };
    expect((await review('sch770001', '770001', body)).status).toBe(404);
    expect(
      (await c('sch770001').post('/api/responses/review', { responseIds: [resp['770001']], ...body })).status,
    ).toBe(403);
    // mun77001 watches Moscow's Central okrug only; 770002 lies in another okrug.
    expect((await review('mun77001', '770002', body)).status).toBe(404);
    expect((await review('reg50', '770001', body)).status).toBe(404);
    expect((await review('reg77', '500001', body)).status).toBe(404);
    const anonymous = await server.client().post(`/api/responses/${resp['770001']}/review`, body);
    expect(anonymous.status).toBe(401);
    const history = await c('reg50').get(`/api/responses/${resp['770001']}/review-history`);
    expect(history.status).toBe(404);
    expect(await state()).toEqual(before);
  });

  it('refuses a report not yet submitted with 409, in Russian', async () => {
    const res = await review('reg50', '500001', { decision: 'accept' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe('Отчёт ещё не сдан: проверять нечего.');
  });
});

describe('the comment of a return', () => {
  it('is required and at most 2,000 characters; a refused return changes nothing', async () => {
    const before = await state();
    for (const body of [{ decision: 'return' }, { decision: 'return', comment: '   ' }]) {
      const res = await review('reg77', '770001', body);
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/без комментария отчёт не вернуть/);
      expect(res.body.errors).toEqual([{ path: 'comment', message: expect.stringMatching(/Укажите/) }]);
    }
    const long = await review('reg77', '770001', { decision: 'return', comment: 'я'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([
      { path: 'body/comment', message: 'Комментарий не длиннее 2000 символов.' },
    ]);
    const wrong = await review('reg77', '770001', { decision: 'reject', comment: 'x' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toMatch(/[А-Яа-я]/);
    expect(await state()).toEqual(before);
    expect((await review('reg77', '770001', { decision: 'return', comment: 'я'.repeat(2000) })).status).toBe(
      200,
    );
  });
});

describe('transitions', () => {
  it('returns with a comment: the school sees it with the coordinator’s role, territory and date, and may edit', async () => {
    const comment = 'В строке «R» указано неверное число. Исправьте и сдайте отчёт повторно.';
    const res = await review('mun77001', '770001', { decision: 'return', comment });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ responseId: resp['770001'], reviewState: 'returned', changed: true });
    const block = await blockOf('770001');
    expect(block).toMatchObject({ status: 'submitted', reviewState: 'returned', editable: true, open: true });
    expect(block.reviewNote).toMatchObject({
      state: 'returned',
      comment,
      actorRole: 'municipal',
      actorScope: 'Центральный административный округ',
    });
    expect(new Date(block.reviewNote.at).toISOString()).toBe(block.reviewNote.at);
    const history = (await school('770001').get(`/api/responses/${resp['770001']}/review-history`)).body.rows;
    expect(history[0]).toMatchObject({
      state: 'returned',
      comment,
      actorLogin: 'mun77001',
      actorRole: 'municipal',
    });
  });

  it('the next «Сдать отчет» stores a new snapshot and puts the review back to «Не проверено»', async () => {
    expect((await change('770001', '5')).status).toBe(200);
    expect((await school('770001').post(`/api/responses/${resp['770001']}/submit`)).status).toBe(200);
    const row = (await state()).rows.find((r) => r.code === '770001');
    expect(row).toMatchObject({ review_state: 'unchecked', submission_count: 2, extended_until: null });
    const history = (await c('reg77').get(`/api/responses/${resp['770001']}/review-history`)).body.rows;
    expect(history[0]).toMatchObject({ state: 'unchecked', actorLogin: 'sch770001', comment: null });
    const submitted = (await c('reg77').get(`/api/monitoring/responses/${resp['770001']}/submitted`)).body;
    expect(submitted).toMatchObject({ reviewState: 'unchecked', submitted: true });
    expect(submitted.data.values['t.r.n']).toBe('5');
  });

  it('«Принято» locks the table: autosave and «Сдать отчет» answer 409 in Russian until it is returned', async () => {
    const accepted = await review('reg77', '770002', { decision: 'accept' });
    expect(accepted.body).toMatchObject({ reviewState: 'accepted', changed: true });
    const again = await review('reg77', '770002', { decision: 'accept' });
    expect(again.body).toMatchObject({ reviewState: 'accepted', changed: false });

    const edited = await change('770002', '9');
    expect(edited.status).toBe(409);
    expect(edited.body.title).toBe('report_accepted');
    expect(edited.body.detail).toMatch(/^Отчёт принят координатором/);
    const submitted = await school('770002').post(`/api/responses/${resp['770002']}/submit`);
    expect(submitted.status).toBe(409);
    expect(submitted.body.title).toBe('report_accepted');
    const editor = (await school('770002').get(`/api/responses/${resp['770002']}`)).body;
    expect(editor).toMatchObject({ open: true, editable: false, canEdit: false, reviewState: 'accepted' });
    expect(await cellVersion('770002')).toBe(1);

    // Returned, it opens again; accepted from «На доработке» without a resubmission is allowed too.
    expect((await review('reg77', '770002', { decision: 'return', comment: 'Нужна правка.' })).status).toBe(
      200,
    );
    expect((await change('770002', '9')).status).toBe(200);
    expect(
      (await review('admin', '770002', { decision: 'accept', comment: 'Принято оператором.' })).status,
    ).toBe(200);
    expect((await change('770002', '10')).status).toBe(409);
  });

  it('audits every change of state with the comment, never a review that changed nothing', async () => {
    const rows = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_login', 'object_id', 'details'])
      .where('action', 'in', ['response.accepted', 'response.returned'])
      .where('object_id', '=', String(resp['770002']))
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.actor_login])).toEqual([
      ['response.accepted', 'reg77'],
      ['response.returned', 'reg77'],
      ['response.accepted', 'admin'],
    ]);
    expect(rows[1]?.details).toMatchObject({ comment: 'Нужна правка.' });
  });
});

describe('bulk review', () => {
  it('is all or nothing: one id out of scope gives 404, one unsubmitted 409, and nothing changes', async () => {
    const before = await state();
    const outOfScope = await c('reg77').post('/api/responses/review', {
      responseIds: [resp['770001'], resp['770003'], resp['500001']],
      decision: 'return',
      comment: 'Проверьте данные.',
    });
    expect(outOfScope.status).toBe(404);
    const unsubmitted = await c('admin').post('/api/responses/review', {
      responseIds: [resp['770001'], resp['500001']],
      decision: 'accept',
    });
    expect(unsubmitted.status).toBe(409);
    expect(unsubmitted.body.detail).toMatch(/несданные отчёты \(1\)/);
    const empty = await c('reg77').post('/api/responses/review', { responseIds: [], decision: 'accept' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([
      { path: 'body/responseIds', message: 'Выберите хотя бы один отчёт.' },
    ]);
    const noComment = await c('reg77').post('/api/responses/review', {
      responseIds: [resp['770001'], resp['770003']],
      decision: 'return',
    });
    expect(noComment.status).toBe(400);
    expect(await state()).toEqual(before);
  });

  it('reviews several in one transaction with one audit line and one history line per report', async () => {
    const before = await state();
    const res = await c('reg77').post('/api/responses/review', {
      responseIds: [resp['770001'], resp['770003']],
      decision: 'return',
      comment: 'Общее замечание по округу: уточните данные.',
    });
    expect(res.status).toBe(200);
    expect(
      res.body.rows.map((r: { reviewState: string; changed: boolean }) => [r.reviewState, r.changed]),
    ).toEqual([
      ['returned', true],
      ['returned', true],
    ]);
    const after = await state();
    expect(after.events).toBe(before.events + 2);
    expect(after.audits).toBe(before.audits + 2);
    const lines = await server.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'response.returned')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    for (const l of lines)
      expect(l.details).toMatchObject({ bulk: 2, comment: 'Общее замечание по округу: уточните данные.' });
  });
});

describe('monitoring', () => {
  it('keeps the four counts and splits «Сдано» by review state', async () => {
    const stats = (await c('reg77').get(`/api/monitoring/collections/${collectionId}/stats`)).body;
    expect(stats).toMatchObject({ total: 3, notStarted: 0, inProgress: 0, submitted: 3 });
    // 770001 and 770003 returned by the bulk review, 770002 accepted.
    expect(stats.review).toEqual({ accepted: 1, returned: 2, unchecked: 0 });
    const all = (await c('admin').get(`/api/monitoring/collections/${collectionId}/stats`)).body;
    expect(all).toMatchObject({
      total: 4,
      notStarted: 1,
      submitted: 3,
      review: { accepted: 1, returned: 2, unchecked: 0 },
    });
  });

  it('filters and sorts «Список участников» by review state', async () => {
    const list = async (query: string) =>
      (
        await c('admin').get(`/api/monitoring/collections/${collectionId}/participants?${query}`)
      ).body.rows.map((r: { code: string; reviewState: string | null }) => [r.code, r.reviewState]);
    expect(await list('review=accepted')).toEqual([['770002', 'accepted']]);
    expect(await list('review=returned&sort=code')).toEqual([
      ['770001', 'returned'],
      ['770003', 'returned'],
    ]);
    expect(await list('sort=review&dir=asc')).toEqual([
      ['770002', 'accepted'],
      ['770001', 'returned'],
      ['770003', 'returned'],
      ['500001', null],
    ]);
    expect((await list('sort=review&dir=desc'))[0]).toEqual(['770003', 'returned']);
    const bad = await c('admin').get(`/api/monitoring/collections/${collectionId}/participants?review=maybe`);
    expect(bad.status).toBe(400);
  });
});

describe('a returned report after the collection closed', () => {
  it('opens for editing, until the personal deadline when one is set; resubmitted, it closes again', async () => {
    expect((await c('admin').post(`/api/collections/${collectionId}/close`, {})).status).toBe(200);
    // 770003 was returned by the bulk review: still editable although the collection closed.
    expect(await blockOf('770003')).toMatchObject({ open: false, editable: true, reviewState: 'returned' });
    expect((await change('770003', '7')).status).toBe(200);

    const past = await review('reg77', '770003', {
      decision: 'return',
      comment: 'Ещё одна правка.',
      extendedUntil: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(past.body.detail).toMatch(/позже текущего момента/);
    const withAccept = await review('reg77', '770003', {
      decision: 'accept',
      extendedUntil: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(withAccept.status).toBe(400);

    const until = new Date(Date.now() + 2 * 86_400_000);
    const extended = await review('reg77', '770003', {
      decision: 'return',
      comment: 'Ещё одна правка.',
      extendedUntil: until.toISOString(),
    });
    expect(extended.status).toBe(200);
    expect(extended.body.extendedUntil).toBe(until.toISOString());
    const block = await blockOf('770003');
    expect(block).toMatchObject({ editable: true, extendedUntil: until.toISOString() });
    expect((await change('770003', '8')).status).toBe(200);

    // The personal deadline passes: the table closes as the collection did.
    await sql`UPDATE responses SET extended_until = now() - interval '1 minute' WHERE id = ${resp['770003']}`.execute(
      server.database.db,
    );
    const late = await change('770003', '9');
    expect(late.status).toBe(409);
    expect(late.body.title).toBe('collection_closed');

    // Returned again without a deadline: open; resubmitted: «Не проверено», and closed.
    expect(
      (await review('reg77', '770003', { decision: 'return', comment: 'Последняя правка.' })).status,
    ).toBe(200);
    expect((await school('770003').post(`/api/responses/${resp['770003']}/submit`)).status).toBe(200);
    expect(await blockOf('770003')).toMatchObject({
      reviewState: 'unchecked',
      editable: false,
      extendedUntil: null,
    });
    expect((await change('770003', '10')).status).toBe(409);
  });
});

describe('export', () => {
  it('has the review state, its date and the last comment', async () => {
    const job = await exportAndWait(c('admin'), collectionId);
    expect(job.status).toBe('done');
    const { workbook } = await downloadExport(c('admin'), job.id);
    const rows = rowsOf(workbook.getWorksheet('Результаты') as ExcelJS.Worksheet);
    const header = rows[0] as string[];
    expect(header.slice(7, 10)).toEqual(['Проверка', 'Дата проверки', 'Комментарий проверки']);
    const byCode = (code: string) => rows.find((r) => String(r[2]) === code) as unknown[];
    expect(byCode('770001').slice(7, 10)).toEqual([
      'На доработке',
      expect.stringMatching(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/),
      'Общее замечание по округу: уточните данные.',
    ]);
    expect(byCode('770002').slice(7, 10)).toEqual(['Принято', expect.any(String), 'Принято оператором.']);
    expect(byCode('770003')[7]).toBe('Не проверено');
    expect(byCode('500001')[7] ?? null).toBeNull();
  });
});

describe('demo data', () => {
  it('has submitted reports in every review state, one returned with a comment', async () => {
    const id = await openDemoCollectionId(server.database.db);
    const stats = (await c('reg77').get(`/api/monitoring/collections/${id}/stats`)).body;
    expect(stats.review.accepted).toBeGreaterThan(0);
    expect(stats.review.returned).toBeGreaterThan(0);
    expect(stats.review.unchecked).toBeGreaterThan(0);
    expect(stats.review.accepted + stats.review.returned + stats.review.unchecked).toBe(stats.submitted);
    const returned = (await c('reg77').get(`/api/monitoring/collections/${id}/participants?review=returned`))
      .body.rows[0];
    const view = (await c('reg77').get(`/api/monitoring/responses/${returned.responseId}/submitted`)).body;
    expect(view.reviewNote).toMatchObject({
      state: 'returned',
      actorRole: 'regional',
      actorScope: 'г. Москва',
    });
    expect(view.reviewNote.comment).toMatch(/[А-Яа-я]{5}/);
  });
});
