// Requests served at the same time each see their own session, and a write in a transaction does
// not mix with another request's reads. On the embedded PGlite this once failed: pglite-socket
// interleaved the protocol messages of the pool's connections, so a query could get another
// query's rows (another user's session) or fail with "portal does not exist".
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { openDemoCollectionId } from '../support/demo.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, startWorkers: false });
});
afterAll(() => server?.close());

it('parallel requests of different users, reads and writes mixed, each get their own answer', async () => {
  const collectionId = await openDemoCollectionId(server.database.db);
  const logins = ['admin', 'reg77', 'reg50', 'mun77001', 'sch770001', 'sch500001'];
  const clients: [string, Client][] = [];
  for (const login of logins) clients.push([login, await server.client().login(login)]);
  const rounds = Array.from({ length: 120 }, async (_, i) => {
    const [login, client] = clients[i % clients.length]!;
    if (['admin', 'reg77', 'mun77001'].includes(login)) {
      // A write in a transaction (an export job and its audit entry) among the reads.
      const asked = await client.post(`/api/monitoring/collections/${collectionId}/exports`, {});
      return { login, ok: asked.status === 200 || asked.status === 202, seen: login };
    }
    if (i % 3 === 1) {
      // Another statement text in between: interleaved messages of the same text happen to work.
      const blocks = await client.get('/api/collections');
      return { login, ok: blocks.status === 200, seen: login };
    }
    const me = await client.get('/api/auth/session');
    return { login, ok: me.status === 200, seen: me.body?.user?.login };
  });
  const answers = await Promise.all(rounds);
  expect(answers.filter((a) => !a.ok || a.seen !== a.login)).toEqual([]);
});
