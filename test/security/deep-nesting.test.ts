// Found by the fuzzer: JSON nested 100,000 deep (200 KB) kept the server busy for over a minute,
// because the text guard copied the path at every level. Every body is walked once, without
// copying; one nested deeper than any request the portal understands is refused at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/server/http/text-guard.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

const deepArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('deeply nested JSON', () => {
  it.each([
    ['arrays', deepArrays(100_000)],
    ['objects', deepObjects(20_000)],
    ['just past the limit', deepArrays(MAX_JSON_DEPTH + 1)],
  ])('is refused with 400 and a Russian message: %s', async (_, body) => {
    const c = await server.client().login('admin');
    for (const url of ['/api/auth/login', '/api/forms/check', '/api/publications/preview']) {
      const res = await c.request('POST', url, { body, headers: { 'content-type': 'application/json' } });
      expect(res.status, url).toBe(400);
      expect(res.body.detail).toBe('Запрос содержит слишком глубоко вложенные данные.');
    }
  });

  it('lets through what real requests nest: a form definition', async () => {
    const c = await server.client().login('admin');
    const res = await c.post('/api/forms/check', {
      definition: {
        title: 'Т',
        tables: [{ key: 't', title: 'Т', columns: [], rows: { kind: 'fixed', items: [] } }],
      },
    });
    expect(res.status).not.toBe(400);
  });
});
