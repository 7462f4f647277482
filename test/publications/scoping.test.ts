// Each demo account sees exactly the publications meant for it: its role and its region in the
// audience, and the publication time passed. Any other publication, and its files, answer 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type DemoKey, demoPublicationIds, keyOf } from '../support/publications.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let ids: Record<DemoKey, number>;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
  ids = await demoPublicationIds(server.database.db);
});
afterAll(() => server.close());

// Who each demo publication is for (demo/publication-texts.ts), and so what each account sees.
const VISIBLE: Record<string, DemoKey[]> = {
  admin: Object.keys(DEMO) as DemoKey[], // everything, the scheduled one too
  reg77: ['schedule', 'coordinatorGuide', 'regionalAnalysis'],
  reg50: ['schedule', 'coordinatorGuide', 'moscowRegionMeeting', 'regionalAnalysis'],
  mun77001: ['schedule', 'coordinatorGuide'],
  mun50001: ['schedule', 'coordinatorGuide', 'moscowRegionMeeting'],
  sch770001: ['schedule', 'orgInstruction', 'moscowOrgs', 'reminder'],
  sch500001: ['schedule', 'orgInstruction', 'reminder'],
};

describe.each(Object.keys(VISIBLE))('as %s', (login) => {
  it('lists exactly the publications meant for it, newest first, and reads each', async () => {
    const c = await server.client().login(login);
    const res = await c.get('/api/publications?pageSize=200');
    expect(res.status).toBe(200);
    const keys = res.body.rows.map((r: any) => keyOf(r.title));
    expect([...keys].sort()).toEqual([...VISIBLE[login]!].sort());
    expect(res.body.total).toBe(VISIBLE[login]!.length);
    const times = res.body.rows.map((r: any) => Date.parse(r.publishAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const row of res.body.rows) {
      expect(row.bodyHtml).toMatch(/^<p>|^<table>/);
      // Readers never learn who else a publication is for.
      if (login !== 'admin') expect(row).not.toHaveProperty('audienceRegions');
      const one = await c.get(`/api/publications/${row.id}`);
      expect(one.status).toBe(200);
      expect(one.body.title).toBe(row.title);
      for (const f of row.files) expect((await c.get(f.url)).status).toBe(200);
    }
  });

  it('gets 404 for every other publication and its files', async () => {
    const c = await server.client().login(login);
    const admin = await server.client().login('admin');
    for (const key of Object.keys(DEMO) as DemoKey[]) {
      if (VISIBLE[login]!.includes(key)) continue;
      const res = await c.get(`/api/publications/${ids[key]}`);
      expect({ key, status: res.status }).toEqual({ key, status: 404 });
      expect(res.body.detail).toBe('Публикация не найдена.');
      const { files } = (await admin.get(`/api/publications/${ids[key]}`)).body;
      for (const f of files) expect((await c.get(f.url)).status).toBe(404);
    }
  });
});

it('only the federal operator may write', async () => {
  for (const login of ['reg77', 'mun77001', 'sch770001']) {
    const c = await server.client().login(login);
    expect((await c.post('/api/publications', { title: 'Чужая' })).status).toBe(403);
    expect((await c.post('/api/publications/preview', { bodyMarkdown: 'x' })).status).toBe(403);
    expect((await c.patch(`/api/publications/${ids.schedule}`, { title: 'Чужая' })).status).toBe(404);
    expect((await c.delete(`/api/publications/${ids.schedule}`)).status).toBe(404);
  }
  const anonymous = await server.client().get('/api/publications');
  expect(anonymous.status).toBe(401);
});

it('the demo attachments are a real PDF, XLSX and CSV', async () => {
  const admin = await server.client().login('admin');
  const rows = (await admin.get('/api/publications?pageSize=200')).body.rows;
  const files = rows.flatMap((r: any) => r.files);
  const byType = (t: string) => files.filter((f: any) => f.contentType.startsWith(t));
  expect(byType('application/pdf').length).toBeGreaterThanOrEqual(2);
  expect(byType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toHaveLength(1);
  const pdf = await fetch(server.url + byType('application/pdf')[0].url, {
    headers: { cookie: `niko_session=${admin.cookie('niko_session')}` },
  });
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
});
