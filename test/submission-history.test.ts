// «История сдач»: a participant's submissions, newest first, each printable as what was sent then
// (GET /api/responses/:id/report.pdf?submission=…), not as the table stands now; who may see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAnswers } from '../src/server/demo/niko-answers.js';
import type { Client } from './support/client.js';
import { openDemoCollectionId } from './support/demo.js';
import { readPdf } from './support/pdf.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let participant: { id: number; login: string; regionCode: string };
let other: { id: number; login: string };

let seq = 0;
const uuid = () => `52000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const FIRST = 'Петрова Анна Сергеевна';
const SECOND = 'Сидорова Мария Ивановна';

async function save(school: Client, responseId: number, answers: Record<string, string>) {
  const cells = (await school.get(`/api/responses/${responseId}`)).body.cells;
  const changes = Object.entries(answers).map(([cell, value]) => ({
    id: uuid(),
    cell,
    value,
    base: cells[cell]?.version ?? 0,
  }));
  const saved = await school.post(`/api/responses/${responseId}/changes`, { changes });
  expect(saved.status, saved.text).toBe(200);
}

async function submit(school: Client, responseId: number) {
  const res = await school.post(`/api/responses/${responseId}/submit`);
  expect(res.status, res.text).toBe(200);
  return res.body.submissionId as number;
}

async function pdfText(c: Client, path: string) {
  const res = await fetch(`${c.baseUrl}${path}`, {
    headers: { cookie: `niko_session=${c.cookie('niko_session')}` },
  });
  expect(res.status, path).toBe(200);
  return (await readPdf(await res.arrayBuffer())).text;
}

let firstId: number;
let secondId: number;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  const collectionId = await openDemoCollectionId(server.database.db);
  const [a, b] = await server.database.db
    .selectFrom('responses as resp')
    .innerJoin('users as u', 'u.organization_id', 'resp.organization_id')
    .select(['resp.id', 'u.login', 'resp.region_code as regionCode'])
    .where('resp.collection_id', '=', collectionId)
    .where('resp.region_code', '=', '77')
    .where('resp.status', '=', 'not_started')
    .orderBy('resp.id', 'desc')
    .limit(2)
    .execute();
  participant = a as typeof participant;
  other = b as typeof other;
  const school = await server.client().login(participant.login);
  await save(school, participant.id, { ...demoAnswers(5, '2026-11-20'), 'school.info.responsible': FIRST });
  firstId = await submit(school, participant.id);
  await save(school, participant.id, { 'school.info.responsible': SECOND });
  secondId = await submit(school, participant.id);
  const otherSchool = await server.client().login(other.login);
  await save(otherSchool, other.id, demoAnswers(6, '2026-11-21'));
  await submit(otherSchool, other.id);
});
afterAll(() => server.close());

describe('«История сдач»', () => {
  it('lists the submissions newest first, with who sent them and the form version', async () => {
    const school = await server.client().login(participant.login);
    const res = await school.get(`/api/responses/${participant.id}/submissions`);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { id: number }) => r.id)).toEqual([secondId, firstId]);
    expect(res.body.rows[0]).toMatchObject({ userLogin: participant.login, formVersion: 1 });
    expect(Date.parse(res.body.rows[0].submittedAt)).toBeGreaterThanOrEqual(
      Date.parse(res.body.rows[1].submittedAt),
    );
  });

  it('prints each submission as it was sent; without `submission`, the latest', async () => {
    const school = await server.client().login(participant.login);
    const base = `/api/responses/${participant.id}/report.pdf`;
    const first = await pdfText(school, `${base}?submission=${firstId}`);
    expect(first).toContain(FIRST);
    expect(first).not.toContain(SECOND);
    const second = await pdfText(school, `${base}?submission=${secondId}`);
    expect(second).toContain(SECOND);
    expect(await pdfText(school, base)).toContain(SECOND);
    const audited = await server.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'report.downloaded')
      .where('object_id', '=', String(participant.id))
      .execute();
    expect(audited.map((a) => (a.details as { submissionId: number }).submissionId)).toEqual(
      expect.arrayContaining([firstId, secondId]),
    );
  });

  it('goes to the coordinators of the territory; another school, another region, or another participant’s submission are not found', async () => {
    const reg = await server.client().login('reg77');
    expect((await reg.get(`/api/responses/${participant.id}/submissions`)).body.rows).toHaveLength(2);
    for (const login of ['reg50', other.login]) {
      const c = await server.client().login(login);
      const res = await c.get(`/api/responses/${participant.id}/submissions`);
      expect(res.status, login).toBe(404);
      expect(res.body.detail).toMatch(/[А-Яа-яЁё]/);
      expect((await c.get(`/api/responses/${participant.id}/report.pdf?submission=${firstId}`)).status).toBe(
        404,
      );
    }
    // A submission of another participant, asked for through one's own: not found, not printed.
    const otherSchool = await server.client().login(other.login);
    const crossed = await otherSchool.get(`/api/responses/${other.id}/report.pdf?submission=${firstId}`);
    expect(crossed.status).toBe(404);
    expect(crossed.body.detail).toBe('Сдача отчета не найдена.');
    expect((await fetch(`${server.url}/api/responses/${participant.id}/submissions`)).status).toBe(401);
  });

  it('refuses a submission number it cannot read with 400', async () => {
    const school = await server.client().login(participant.login);
    for (const bad of ['abc', '0', '-1', '99999999999']) {
      const res = await school.get(`/api/responses/${participant.id}/report.pdf?submission=${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });
});
