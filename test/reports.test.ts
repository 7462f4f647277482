// «Скачать PDF» of a submitted report: what the paper copy says (who, what, when in Moscow and
// local time, every table with its values and totals, page numbers, the signature lines), who may
// download it, and the refusals. The PDF is read back with PDF.js.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAnswers } from '../src/server/demo/niko-answers.js';
import { NIKO_CONTEXT_FORM } from '../src/server/demo/niko-form.js';
import { formatDateTime, utcOffsetLabel } from '../src/shared/dates.js';
import type { Client } from './support/client.js';
import { openDemoCollectionId } from './support/demo.js';
import { readPdf } from './support/pdf.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let collectionId: number;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  collectionId = await openDemoCollectionId(server.database.db);
});
afterAll(() => server.close());

let seq = 0;
const uuid = () => `50000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

/** A participant of the open collection in a region whose clock differs from Moscow's. */
async function participantOutsideMoscowTime() {
  return (
    server.database.db
      .selectFrom('responses as resp')
      .innerJoin('regions as r', 'r.code', 'resp.region_code')
      .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
      .innerJoin('users as u', 'u.organization_id', 'o.id')
      .select(['resp.id', 'u.login', 'o.code', 'o.full_name as fullName', 'r.name as region', 'r.timezone'])
      .where('resp.collection_id', '=', collectionId)
      .where('resp.status', '=', 'not_started')
      // Every zone east of the Urals is ahead of Moscow all year.
      .where('r.timezone', 'like', 'Asia/%')
      .orderBy('resp.id')
      .executeTakeFirstOrThrow()
  );
}

async function submit(school: Client, responseId: number, answers: Record<string, string>) {
  const changes = Object.entries(answers).map(([cell, value]) => ({ id: uuid(), cell, value, base: 0 }));
  expect((await school.post(`/api/responses/${responseId}/changes`, { changes })).status).toBe(200);
  const res = await school.post(`/api/responses/${responseId}/submit`);
  expect(res.status, res.text).toBe(200);
}

async function downloadPdf(c: Client, responseId: number) {
  const res = await fetch(`${c.baseUrl}/api/responses/${responseId}/report.pdf`, {
    headers: { cookie: `niko_session=${c.cookie('niko_session')}` },
  });
  return { res, bytes: await res.arrayBuffer() };
}

describe('the PDF of a submitted report', () => {
  let participant: Awaited<ReturnType<typeof participantOutsideMoscowTime>>;
  const answers = demoAnswers(9, '2026-11-27');

  beforeAll(async () => {
    participant = await participantOutsideMoscowTime();
    await submit(await server.client().login(participant.login), participant.id, answers);
  });

  it('says who sent what and when, holds every table with its values and totals, and ends with the signature lines', async () => {
    const school = await server.client().login(participant.login);
    const { res, bytes } = await downloadPdf(school, participant.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(res.headers.get('content-disposition')?.split("UTF-8''")[1] ?? '')).toMatch(
      new RegExp(`^Отчет ${participant.code} .+\\.pdf$`),
    );
    const pdf = await readPdf(bytes);
    const submittedAt = (
      await server.database.db
        .selectFrom('responses')
        .select('last_submitted_at')
        .where('id', '=', participant.id)
        .executeTakeFirstOrThrow()
    ).last_submitted_at as Date;

    expect(pdf.text).toContain('Отчет о сдаче данных');
    expect(pdf.text).toContain(participant.fullName);
    expect(pdf.text).toContain(participant.code);
    expect(pdf.text).toContain(participant.region);
    expect(pdf.text).toContain(`${formatDateTime(submittedAt)} (МСК)`);
    const zone = participant.timezone;
    expect(pdf.text).toContain(
      `${formatDateTime(submittedAt, zone)} (местное время, ${utcOffsetLabel(submittedAt, zone)})`,
    );
    expect(utcOffsetLabel(submittedAt, zone)).not.toBe('UTC+3');
    expect(pdf.text).toContain('версия 1');
    for (const table of NIKO_CONTEXT_FORM.tables) expect(pdf.text).toContain(table.title);
    // A typed value, a computed total (1–11 boys), a choice shown by its label, a date as ДД.ММ.ГГГГ.
    const boys = Array.from({ length: 11 }, (_, g) => Number(answers[`pupils.g${g + 1}.boys`]));
    expect(pdf.text).toContain('Всего 1–11 классы');
    expect(pdf.text).toContain(String(boys.reduce((a, b) => a + b, 0)));
    expect(pdf.text).toContain('8 класс');
    expect(pdf.text).toContain('27.11.2026');
    expect(pdf.text).toContain(answers['school.info.responsible'] as string);
    expect(pdf.text).toMatch(/Руководитель _+ \/ _+ \//);
    expect(pdf.text).toContain('М.П.');
    // Every page numbered, and the count is the PDF's own.
    const n = pdf.pages.length;
    for (const [i, page] of pdf.pages.entries()) expect(page).toContain(`Стр. ${i + 1} из ${n}`);
  });

  it('goes to the coordinators of its territory and the federal operator, and its download is audited', async () => {
    const region = await server.database.db
      .selectFrom('responses')
      .select('region_code')
      .where('id', '=', participant.id)
      .executeTakeFirstOrThrow();
    for (const login of ['admin', `reg${region.region_code}`]) {
      const c = await server.client().login(login);
      const { res, bytes } = await downloadPdf(c, participant.id);
      expect(res.status, login).toBe(200);
      expect((await readPdf(bytes)).text).toContain(participant.fullName);
    }
    const entries = await server.database.db
      .selectFrom('audit_log')
      .select(['actor_login', 'object_id'])
      .where('action', '=', 'report.downloaded')
      .where('object_id', '=', String(participant.id))
      .execute();
    expect(entries.map((e) => e.actor_login).sort()).toEqual(
      ['admin', participant.login, `reg${region.region_code}`].sort(),
    );
  });

  it('is not found for another region’s coordinator, another school, or a signed-out visitor', async () => {
    for (const login of ['reg77', 'mun77001', 'sch770001']) {
      const { res } = await downloadPdf(await server.client().login(login), participant.id);
      expect(res.status, login).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const anonymous = await fetch(`${server.url}/api/responses/${participant.id}/report.pdf`);
    expect(anonymous.status).toBe(401);
  });
});

describe('a report not yet submitted', () => {
  it('has no PDF: 409 with a Russian message, and nothing is audited', async () => {
    const school = await server.client().login('sch770001');
    const block = (await school.get('/api/niko/data-collection')).body.rows.find((b: any) => b.open);
    const res = await school.get(`/api/responses/${block.responseId}/report.pdf`);
    if (block.status === 'submitted') throw new Error('the demo school was expected not to have submitted');
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe('Отчёт ещё не сдан: печатать пока нечего.');
    const audited = await server.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'report.downloaded')
      .where('object_id', '=', String(block.responseId))
      .execute();
    expect(audited).toEqual([]);
  });
});

describe('the PDF of the reports a coordinator chose', () => {
  let chosen: { id: number; login: string; code: string; fullName: string }[];
  let collectionPath: string;

  /** Participants of the open collection in Moscow that have not started, with a login each. */
  async function notStartedInMoscow(n: number) {
    return server.database.db
      .selectFrom('responses as resp')
      .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
      .innerJoin('users as u', 'u.organization_id', 'o.id')
      .select(['resp.id', 'u.login', 'o.code', 'o.full_name as fullName'])
      .where('resp.collection_id', '=', collectionId)
      .where('resp.region_code', '=', '77')
      .where('resp.status', '=', 'not_started')
      .orderBy('resp.id', 'desc')
      .limit(n)
      .execute();
  }

  const auditedFor = async (ids: number[]) =>
    (
      await server.database.db
        .selectFrom('audit_log')
        .select('object_id')
        .where('action', '=', 'report.downloaded')
        .where(
          'object_id',
          'in',
          ids.map((id) => String(id)),
        )
        .execute()
    ).map((r) => Number(r.object_id));

  beforeAll(async () => {
    chosen = await notStartedInMoscow(3);
    expect(chosen).toHaveLength(3);
    for (const [i, p] of chosen.slice(0, 2).entries()) {
      await submit(await server.client().login(p.login), p.id, demoAnswers(20 + i, '2026-11-28'));
    }
    collectionPath = `/api/monitoring/collections/${collectionId}/reports.pdf`;
  });

  it('holds each submitted report numbered on its own, after a page naming those with nothing submitted', async () => {
    const reg = await server.client().login('reg77');
    const ids = chosen.map((p) => p.id).join(',');
    const res = await fetch(`${reg.baseUrl}${collectionPath}?responses=${ids}`, {
      headers: { cookie: `niko_session=${reg.cookie('niko_session')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = await readPdf(await res.arrayBuffer());
    const [first, ...rest] = pdf.pages;
    expect(first).toContain('Не сдали отчет, в файл не включены:');
    expect(first).toContain(`${chosen[2]?.code} — ${chosen[2]?.fullName}`);
    expect(first).toContain('Стр. 1 из 1');
    // Two reports, each starting again at page 1.
    expect(rest.filter((page) => page.includes('Отчет о сдаче данных'))).toHaveLength(2);
    expect(rest.filter((page) => /Стр\. 1 из \d+/.test(page))).toHaveLength(2);
    for (const p of chosen.slice(0, 2)) expect(pdf.text).toContain(p.fullName);
    expect((await auditedFor(chosen.map((p) => p.id))).sort()).toEqual(
      chosen
        .slice(0, 2)
        .map((p) => p.id)
        .sort(),
    );
  });

  it('is refused whole when any chosen participant is out of scope or of another collection, and nothing is audited', async () => {
    const mun = await server.client().login('mun77001');
    const outside = await participantOutsideMoscowTime();
    const before = await auditedFor([...chosen.map((p) => p.id), outside.id]);
    for (const ids of [[chosen[0]?.id, outside.id], [outside.id]]) {
      const res = await server
        .client()
        .login('reg77')
        .then((c) => c.get(`${collectionPath}?responses=${ids.join(',')}`));
      expect(res.status).toBe(404);
      expect(res.body.detail).toMatch(/[А-Яа-яЁё]/);
    }
    const otherCollection = await mun.get(
      `/api/monitoring/collections/${collectionId + 100000}/reports.pdf?responses=${chosen[0]?.id}`,
    );
    expect(otherCollection.status).toBe(404);
    const school = await server.client().login(chosen[0]?.login as string);
    expect((await school.get(`${collectionPath}?responses=${chosen[0]?.id}`)).status).toBe(404);
    expect(await auditedFor([...chosen.map((p) => p.id), outside.id])).toEqual(before);
  });

  it('refuses a list it cannot read, or too long, with a Russian message', async () => {
    const reg = await server.client().login('reg77');
    const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    for (const [query, message] of [
      ['responses=abc', 'Укажите номера участников через запятую.'],
      ['responses=', 'Укажите номера участников через запятую.'],
      [`responses=${tooMany}`, 'Не больше 100 отчетов в одном файле.'],
    ] as const) {
      const res = await reg.get(`${collectionPath}?${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body), query).toContain(message);
    }
  });

  it('is 409 when none of the chosen has submitted', async () => {
    const reg = await server.client().login('reg77');
    const res = await reg.get(`${collectionPath}?responses=${chosen[2]?.id}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe('Ни один из выбранных участников ещё не сдал отчёт: печатать пока нечего.');
  });
});
