// A cell's «История» is read a page at a time (newest first, `limit` and a `beforeVersion`
// cursor), so that a long history never comes back as one answer of megabytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let school: Client;
let historyUrl: string;
const CHANGES = 45;

beforeAll(async () => {
  server = await startTestServer({ demo: true, startWorkers: false });
  school = await server.client().login('sch770004');
  const blocks = (await school.get('/api/niko/data-collection')).body.rows;
  const responseId = blocks.find((b: any) => b.open).responseId;
  // One batch changes the cell 45 times, each change based on the version the previous one made.
  const changes = Array.from({ length: CHANGES }, (_, i) => ({
    id: `70000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    cell: 'pupils.g1.boys',
    value: String(i + 1),
    base: i,
  }));
  expect((await school.post(`/api/responses/${responseId}/changes`, { changes })).status).toBe(200);
  historyUrl = `/api/responses/${responseId}/history?cell=pupils.g1.boys`;
});
afterAll(() => server?.close());

const versions = (rows: { version: number }[]) => rows.map((r) => r.version);
const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);

describe('the history of a cell', () => {
  it('answers 20 changes at a time, newest first, with the cursor of the next page until the last', async () => {
    const first = await school.get(historyUrl);
    expect(first.status).toBe(200);
    expect(versions(first.body.rows)).toEqual(range(45, 26));
    expect(first.body.rows[0]).toMatchObject({ userLogin: 'sch770004', oldValue: '44', newValue: '45' });
    expect(first.body.nextBeforeVersion).toBe(26);

    const second = await school.get(`${historyUrl}&beforeVersion=26`);
    expect(versions(second.body.rows)).toEqual(range(25, 6));
    const last = await school.get(`${historyUrl}&beforeVersion=${second.body.nextBeforeVersion}`);
    expect(versions(last.body.rows)).toEqual(range(5, 1));
    expect(last.body.rows.at(-1)).toMatchObject({ oldValue: null, newValue: '1' });
    expect(last.body.nextBeforeVersion).toBeNull();
  });

  it('takes a limit of 1 to 50', async () => {
    const all = await school.get(`${historyUrl}&limit=50`);
    expect(versions(all.body.rows)).toEqual(range(45, 1));
    expect(all.body.nextBeforeVersion).toBeNull();
    // A full page that is also the last one says so: no «Показать ещё» for an empty page.
    const exact = await school.get(`${historyUrl}&limit=45`);
    expect(exact.body.rows).toHaveLength(45);
    expect(exact.body.nextBeforeVersion).toBeNull();
    const one = await school.get(`${historyUrl}&limit=1&beforeVersion=2`);
    expect(one.body).toMatchObject({ rows: [{ version: 1 }], nextBeforeVersion: null });
    expect((await school.get(`${historyUrl}&beforeVersion=1`)).body).toEqual({
      rows: [],
      nextBeforeVersion: null,
    });

    for (const bad of ['limit=51', 'limit=0', 'beforeVersion=0', 'beforeVersion=x', 'limit=1.5']) {
      const res = await school.get(`${historyUrl}&${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe('Запрос содержит ошибки.');
      expect(res.body.errors[0].message).toMatch(/[а-я]/);
    }
  });
});
