// Reminders (issue 11 §2) through HTTP: the count before sending, sending to chosen
// organizations, to those that have not started and to those that have not submitted, scope and
// roles, an organization seeing, reading and dismissing its notice, the sender's read counts, and
// the audit. E-mail is test/reminders-email.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './support/client.js';
import { openDemoCollectionId } from './support/demo.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let collectionId: number;
const orgs: Record<string, number> = {};
let reg77: Client;
let mun77001: Client;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer({ demo: true, startWorkers: false });
  collectionId = await openDemoCollectionId(server.database.db);
  for (const o of await server.database.db.selectFrom('organizations').select(['id', 'code']).execute())
    orgs[o.code] = o.id;
  reg77 = await server.client().login('reg77');
  mun77001 = await server.client().login('mun77001');
  admin = await server.client().login('admin');
});
afterAll(() => server.close());

const url = (id = collectionId) => `/api/monitoring/collections/${id}/reminders`;

/** Participants of the open collection, by territory and status, straight from the database. */
async function participants(where: { region?: string; municipality?: number; statuses: string[] }) {
  let q = server.database.db
    .selectFrom('responses')
    .select('organization_id')
    .where('collection_id', '=', collectionId)
    .where('status', 'in', where.statuses as any);
  if (where.region) q = q.where('region_code', '=', where.region);
  if (where.municipality) q = q.where('municipality_id', '=', where.municipality);
  return (await q.execute()).map((r) => r.organization_id).sort((a, b) => a - b);
}

async function recipientsOf(reminderId: number) {
  return (
    await server.database.db
      .selectFrom('reminder_recipients')
      .select('organization_id')
      .where('reminder_id', '=', reminderId)
      .execute()
  )
    .map((r) => r.organization_id)
    .sort((a, b) => a - b);
}

async function stored() {
  const db = server.database.db;
  const [reminders, recipients, emails] = await Promise.all(
    (['reminders', 'reminder_recipients', 'email_outbox'] as const).map((t) =>
      db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  );
  return { reminders: Number(reminders!.n), recipients: Number(recipients!.n), emails: Number(emails!.n) };
}

const mun77001Id = async () =>
  (
    await server.database.db
      .selectFrom('municipalities')
      .select('id')
      .where('code', '=', '77001')
      .executeTakeFirstOrThrow()
  ).id;

describe('«Напомнить»', () => {
  it('shows how many will receive it, then sends to all in the region that have not started', async () => {
    const expected = await participants({ region: '77', statuses: ['not_started'] });
    expect(expected.length).toBeGreaterThan(0);
    const before = await stored();
    const preview = await reg77.post(`${url()}/preview`, { audience: 'not_started' });
    expect(preview.status).toBe(200);
    // Without SMTP_URL the portal sends no e-mail, and says so.
    expect(preview.body).toEqual({ recipients: expected.length, emails: 0, emailEnabled: false });
    expect(await stored()).toEqual(before);

    const sent = await reg77.post(url(), { audience: 'not_started' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ recipients: expected.length, emails: 0 });
    expect(await recipientsOf(sent.body.id)).toEqual(expected);
    expect((await stored()).emails).toBe(0);
    // Without a text of its own, the standard one: the collection, its end in Moscow time, the ask.
    const { message } = await server.database.db
      .selectFrom('reminders')
      .select('message')
      .where('id', '=', sent.body.id)
      .executeTakeFirstOrThrow();
    expect(message).toMatch(
      /^Напоминаем о сборе данных «НИКО-2026: .+»: он завершается \d\d\.\d\d\.\d{4} 18:00 \(МСК\)\. Ваша организация еще не приступила/,
    );

    const entry = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'reminders.send')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_login: 'reg77',
      object_type: 'collection',
      object_id: String(collectionId),
    });
    expect(entry.details).toMatchObject({
      reminderId: sent.body.id,
      audience: 'not_started',
      recipients: expected.length,
    });
  });

  it('sends to all of a municipality that have not submitted, with the coordinator’s own text', async () => {
    const expected = await participants({
      municipality: await mun77001Id(),
      statuses: ['not_started', 'in_progress'],
    });
    const preview = await mun77001.post(`${url()}/preview`, { audience: 'not_submitted' });
    expect(preview.body.recipients).toBe(expected.length);
    const sent = await mun77001.post(url(), {
      audience: 'not_submitted',
      message: '  Коллеги, сдайте, пожалуйста, отчет до пятницы.  ',
    });
    expect(sent.status).toBe(201);
    expect(await recipientsOf(sent.body.id)).toEqual(expected);
    const row = await server.database.db
      .selectFrom('reminders')
      .select('message')
      .where('id', '=', sent.body.id)
      .executeTakeFirstOrThrow();
    expect(row.message).toBe('Коллеги, сдайте, пожалуйста, отчет до пятницы.');
  });

  it('sends to chosen organizations, and to the federal operator’s anywhere', async () => {
    const sent = await reg77.post(url(), {
      audience: 'chosen',
      organizationIds: [orgs['770001'], orgs['770002']],
    });
    expect(sent.status).toBe(201);
    expect(await recipientsOf(sent.body.id)).toEqual(
      [orgs['770001'], orgs['770002']].sort((a, b) => a! - b!),
    );
    const federal = await admin.post(url(), {
      audience: 'chosen',
      organizationIds: [orgs['770001'], orgs['500001'], orgs['500001']],
    });
    expect(federal.status).toBe(201);
    expect(federal.body.recipients).toBe(2);
    const regional = await admin.post(`${url()}/preview`, { audience: 'not_submitted', regionCode: '50' });
    expect(regional.body.recipients).toBe(
      (await participants({ region: '50', statuses: ['not_started', 'in_progress'] })).length,
    );
  });

  it('refuses organizations out of scope or not taking part with 404, and sends nothing', async () => {
    const before = await stored();
    for (const [c, ids] of [
      [reg77, [orgs['770001'], orgs['500001']]],
      [mun77001, [orgs['770001'], orgs['770002']]],
      [admin, [999_999]],
    ] as const) {
      for (const path of [url(), `${url()}/preview`]) {
        const res = await c.post(path, { audience: 'chosen', organizationIds: ids });
        expect(res.status, path).toBe(404);
        expect(res.body.detail).toMatch(/не найден/);
      }
    }
    // A collection the coordinator does not watch is "not found" too.
    expect((await reg77.post(url(999_999), { audience: 'not_started' })).status).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it('refuses schools (404 on the collection’s routes) and coordinators’ notices (403)', async () => {
    const school = await server.client().login('sch770001');
    const before = await stored();
    expect((await school.post(url(), { audience: 'not_started' })).status).toBe(404);
    expect((await school.post(`${url()}/preview`, { audience: 'not_started' })).status).toBe(404);
    expect((await school.get(url())).status).toBe(404);
    expect((await reg77.get('/api/niko/reminders')).status).toBe(403);
    expect((await reg77.post('/api/niko/reminders/read', { ids: [1] })).status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('answers bad input with a Russian 4xx and changes nothing', async () => {
    const before = await stored();
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ audience: 'everyone' }, 400],
      [{ audience: 'chosen' }, 400],
      [{ audience: 'chosen', organizationIds: [] }, 400],
      [{ audience: 'chosen', organizationIds: ['1'] }, 400],
      [{ audience: 'not_started', message: 'я'.repeat(2001) }, 400],
      [{ audience: 'not_started', extra: 1 }, 400],
      // Nobody to send to: region 99 takes no part.
      [{ audience: 'not_started', regionCode: '99' }, 422],
    ];
    for (const [body, status] of cases) {
      const res = await admin.post(url(), body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.body.detail).toMatch(/[А-Яа-яЁё]/);
    }
    expect(await stored()).toEqual(before);
  });
});

describe('the organization’s notice', () => {
  it('is shown on «НИКО» until dismissed; the sender sees it read and dismissed', async () => {
    const sent = await reg77.post(url(), {
      audience: 'chosen',
      organizationIds: [orgs['770001']],
      message: 'Проверьте, пожалуйста, раздел 2 формы.',
    });
    const school = await server.client().login('sch770001');
    const list = await school.get('/api/niko/reminders');
    expect(list.status).toBe(200);
    const notice = list.body.rows.find((r: any) => r.id === sent.body.id);
    expect(notice).toMatchObject({
      collectionId,
      message: 'Проверьте, пожалуйста, раздел 2 формы.',
      senderRole: 'regional',
      readAt: null,
    });
    expect(notice.senderArea).toMatch(/Москва/);
    // Every notice of sch770001 is its own: reminders to other schools are not listed.
    const own = (
      await server.database.db
        .selectFrom('reminder_recipients')
        .select('reminder_id')
        .where('organization_id', '=', orgs['770001']!)
        .execute()
    ).map((r) => r.reminder_id);
    expect(list.body.rows.every((r: any) => own.includes(r.id))).toBe(true);

    const sentRow = async () => (await reg77.get(url())).body.rows.find((r: any) => r.id === sent.body.id);
    expect(await sentRow()).toMatchObject({ recipients: 1, read: 0, dismissed: 0, audience: 'chosen' });

    const read = await school.post('/api/niko/reminders/read', { ids: [sent.body.id] });
    expect(read.body).toEqual({ updated: 1 });
    expect((await school.post('/api/niko/reminders/read', { ids: [sent.body.id] })).body).toEqual({
      updated: 0,
    });
    expect(await sentRow()).toMatchObject({ read: 1, dismissed: 0 });

    // Another school cannot dismiss it.
    const other = await server.client().login('sch500001');
    expect((await other.post(`/api/niko/reminders/${sent.body.id}/dismiss`, {})).status).toBe(404);

    const dismissed = await school.post(`/api/niko/reminders/${sent.body.id}/dismiss`, {});
    expect(dismissed.status).toBe(200);
    expect((await school.post(`/api/niko/reminders/${sent.body.id}/dismiss`, {})).status).toBe(200);
    const after = await school.get('/api/niko/reminders');
    expect(after.body.rows.some((r: any) => r.id === sent.body.id)).toBe(false);
    expect(await sentRow()).toMatchObject({ read: 1, dismissed: 1 });

    const entries = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'reminders.dismiss')
      .where('object_id', '=', String(sent.body.id))
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_login: 'sch770001', object_type: 'reminder' });
  });

  it('lists for each coordinator only the recipients of its own area', async () => {
    const sent = await admin.post(url(), {
      audience: 'chosen',
      organizationIds: [orgs['770001'], orgs['770002'], orgs['500001']],
    });
    const row = async (c: Client) => (await c.get(url())).body.rows.find((r: any) => r.id === sent.body.id);
    expect(await row(admin)).toMatchObject({ recipients: 3, senderRole: 'federal' });
    expect(await row(reg77)).toMatchObject({ recipients: 2 });
    expect(await row(mun77001)).toMatchObject({ recipients: 1 });
    const reg50 = await server.client().login('reg50');
    expect(await row(reg50)).toMatchObject({ recipients: 1 });
  });
});

describe('the demo data', () => {
  it('has reminders of Tatarstan’s coordinator and the federal operator, partly read and dismissed', async () => {
    const reg16 = await server.client().login('reg16');
    const rows = (await reg16.get(url())).body.rows;
    const own = rows.find((r: any) => r.senderRole === 'regional');
    expect(own).toMatchObject({ audience: 'not_started' });
    expect(own.recipients).toBeGreaterThan(0);
    expect(own.read).toBeGreaterThan(0);
    expect(own.read).toBeLessThan(own.recipients);
    expect(own.message).toMatch(/Коллеги/);
    const federal = (await admin.get(url())).body.rows.find(
      (r: any) => r.audience === 'not_submitted' && r.senderRole === 'federal',
    );
    expect(federal.message).toMatch(/«Сдать отчет»/);
    // A Tatarstan school that has not dismissed it sees it on «НИКО».
    const recipient = await server.database.db
      .selectFrom('reminder_recipients as rr')
      .innerJoin('users as u', 'u.organization_id', 'rr.organization_id')
      .select('u.login')
      .where('rr.reminder_id', '=', own.id)
      .where('rr.dismissed_at', 'is', null)
      .executeTakeFirstOrThrow();
    const school = await server.client().login(recipient.login);
    const notices = (await school.get('/api/niko/reminders')).body.rows;
    expect(notices.map((n: any) => n.id)).toContain(own.id);
    expect(notices.find((n: any) => n.id === own.id).senderArea).toMatch(/Татарстан/);
  });
});
