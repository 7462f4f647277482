// Reminders as e-mail (issue 11 §2) against an SMTP server run in this process (smtp-server): the
// messages delivered (recipient, Russian subject and body in UTF-8), a server that refuses at
// first (tried again after a growing wait, then delivered), and two workers on one outbox (each
// message delivered once). No sleeps: every wait polls a condition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../src/server/email/mailer.js';
import { startEmailWorker } from '../src/server/email/worker.js';
import type { Client } from './support/client.js';
import { openDemoCollectionId } from './support/demo.js';
import { parseMessage as parse, startTestSmtp, type TestSmtp } from './support/mail.js';
import { startTestServer, type TestServer } from './support/server.js';
import { waitFor } from './support/wait.js';

let smtp: TestSmtp;

const RETRY_MS = 100;
let server: TestServer;
let smtpUrl: string;
let collectionId: number;
let reg77: Client;
const orgs: Record<string, number> = {};

beforeAll(async () => {
  smtp = await startTestSmtp();
  smtpUrl = smtp.url;
  server = await startTestServer({
    demo: true,
    config: {
      email: {
        smtpUrl,
        from: 'ФИС ОКО <no-reply@fisoko.test>',
        pollMs: 50,
        retryMs: RETRY_MS,
        maxAttempts: 5,
        leaseMs: 30_000,
      },
    },
  });
  collectionId = await openDemoCollectionId(server.database.db);
  for (const o of await server.database.db.selectFrom('organizations').select(['id', 'code']).execute())
    orgs[o.code] = o.id;
  reg77 = await server.client().login('reg77');
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

const url = `/api/monitoring/collections/`;

async function outbox(reminderId: number) {
  return server.database.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('reminder_id', '=', reminderId)
    .orderBy('id')
    .execute();
}

const emailOf = (code: string) => `sch${code}@niko.example`;

describe('reminders as e-mail', () => {
  it('counts the mailboxes before sending, and delivers a Russian message in UTF-8 to each', async () => {
    const body = { audience: 'chosen', organizationIds: [orgs['770001'], orgs['770002']] };
    const preview = await reg77.post(`${url}${collectionId}/reminders/preview`, body);
    expect(preview.body).toEqual({ recipients: 2, emails: 2, emailEnabled: true });
    const sent = await reg77.post(`${url}${collectionId}/reminders`, {
      ...body,
      message: 'Просим сдать отчет «НИКО» до пятницы. Ёжик в тумане — проверка кодировки.',
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ recipients: 2, emails: 2 });
    // The outbox rows were written with the notice, in its transaction.
    expect(await outbox(sent.body.id)).toHaveLength(2);

    const mine = () =>
      smtp.delivered.filter((d) => [emailOf('770001'), emailOf('770002')].includes(d.to[0]!));
    await waitFor(() => mine().length === 2, 'two messages delivered');
    await waitFor(
      async () => (await outbox(sent.body.id)).every((m) => m.status === 'sent'),
      'outbox rows marked sent',
    );
    expect(
      mine()
        .map((d) => d.to)
        .sort(),
    ).toEqual([[emailOf('770001')], [emailOf('770002')]]);
    const title = (
      await server.database.db
        .selectFrom('collections')
        .select('title')
        .where('id', '=', collectionId)
        .executeTakeFirstOrThrow()
    ).title;
    for (const d of mine()) {
      const m = parse(d.raw);
      expect(m.subject).toBe(`Напоминание: сбор данных «${title}»`);
      expect(m.headers.get('content-type')).toMatch(/text\/plain; charset=utf-8/i);
      expect(m.headers.get('from')).toMatch(/no-reply@fisoko\.test/);
      expect(m.text).toContain('Здравствуйте!');
      expect(m.text).toContain('Просим сдать отчет «НИКО» до пятницы. Ёжик в тумане — проверка кодировки.');
      expect(m.text).toContain('раздел «НИКО»');
    }
    // Sent once each: no later poll sends them again.
    expect((await outbox(sent.body.id)).map((m) => m.attempts)).toEqual([1, 1]);
  });

  it('tries again after a growing wait when the server refuses, then delivers', async () => {
    const to = emailOf('770003');
    smtp.refusals.set(to, 2);
    const sent = await reg77.post(`${url}${collectionId}/reminders`, {
      audience: 'chosen',
      organizationIds: [orgs['770003']],
    });
    expect(sent.body.emails).toBe(1);
    await waitFor(() => smtp.delivered.some((d) => d.to[0] === to), 'delivered after two refusals');
    await waitFor(async () => (await outbox(sent.body.id))[0]?.status === 'sent', 'marked sent');
    const [row] = await outbox(sent.body.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
    expect(row!.last_error).toBeNull();
    // Three attempts: the second not before RETRY_MS after the first, the third not before twice that.
    const times = smtp.attempts.filter((a) => a.to === to).map((a) => a.at);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(RETRY_MS);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2 * RETRY_MS);
    expect(smtp.delivered.filter((d) => d.to[0] === to)).toHaveLength(1);
  });

  it('gives up after the last attempt and keeps the error', async () => {
    const to = emailOf('770004');
    smtp.refusals.set(to, 100);
    const sent = await reg77.post(`${url}${collectionId}/reminders`, {
      audience: 'chosen',
      organizationIds: [orgs['770004']],
    });
    await waitFor(async () => (await outbox(sent.body.id))[0]?.status === 'failed', 'given up');
    const [row] = await outbox(sent.body.id);
    expect(row!.attempts).toBe(5);
    expect(row!.last_error).toMatch(/451/);
    smtp.refusals.delete(to);
  });

  it('sends a message whose sender died mid-claim once its lease runs out, and leaves a live claim alone', async () => {
    const db = server.database.db;
    const row = (to: string, lockedUntil: Date) => ({
      to_address: to,
      subject: 'Напоминание',
      body: 'Проверка',
      status: 'sending' as const,
      attempts: 1,
      locked_until: lockedUntil,
    });
    // As a process leaves it when it dies after claiming: 'sending', its lease past.
    const [dead, live] = await db
      .insertInto('email_outbox')
      .values([
        row('dead-claim@niko.example', new Date(Date.now() - 1000)),
        row('live-claim@niko.example', new Date(Date.now() + 3_600_000)),
      ])
      .returning('id')
      .execute();
    await waitFor(
      () => smtp.delivered.some((d) => d.to[0] === 'dead-claim@niko.example'),
      'the dead claim sent',
    );
    const state = async (id: number) =>
      db
        .selectFrom('email_outbox')
        .select(['status', 'attempts'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    await waitFor(async () => (await state(dead!.id)).status === 'sent', 'the dead claim marked sent');
    expect(await state(dead!.id)).toEqual({ status: 'sent', attempts: 2 });
    expect(await state(live!.id)).toEqual({ status: 'sending', attempts: 1 });
    expect(smtp.delivered.some((d) => d.to[0] === 'live-claim@niko.example')).toBe(false);
    await db.deleteFrom('email_outbox').where('id', '=', live!.id).execute();
  });

  it('with two workers on one outbox, delivers each message once', async () => {
    const log = server.app.log;
    const second = startEmailWorker(
      server.database.db,
      smtpMailer(smtpUrl, 'ФИС ОКО <no-reply@fisoko.test>'),
      log,
      {
        pollMs: 20,
        retryMs: RETRY_MS,
        maxAttempts: 5,
        leaseMs: 30_000,
        batch: 3,
      },
    );
    try {
      const before = smtp.delivered.length;
      const sent = await reg77.post(`${url}${collectionId}/reminders`, { audience: 'not_submitted' });
      expect(sent.status).toBe(201);
      expect(sent.body.emails).toBeGreaterThan(5);
      await waitFor(
        async () => (await outbox(sent.body.id)).every((m) => m.status === 'sent'),
        'every message sent',
      );
      const rows = await outbox(sent.body.id);
      const now = smtp.delivered.slice(before).flatMap((d) => d.to);
      expect(now.sort()).toEqual(rows.map((r) => r.to_address).sort());
      expect(new Set(now).size).toBe(now.length);
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
    } finally {
      await second.stop();
    }
  });
});
