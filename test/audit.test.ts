// The federal operator reads the audit log: sign-ins (with the address) and administrators' changes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

it('lists sign-ins and changes, newest first, filtered and paged', async () => {
  const admin = await server.client().login('admin');
  await server.client().login('reg10');
  await server.client().post('/api/auth/login', { login: 'reg10', password: 'wrong' });
  const reg = (await admin.get('/api/users?q=reg10')).body.rows[0];
  await admin.patch(`/api/users/${reg.id}`, { fullName: 'Сидорова Анна Павловна' });

  const logins = await admin.get('/api/audit?objectId=reg10');
  expect(logins.status).toBe(200);
  expect(logins.body.rows.map((r: any) => r.action)).toEqual(['auth.login_failed', 'auth.login']);
  expect(logins.body.rows[0]).toMatchObject({
    ip: '127.0.0.1',
    objectType: 'login',
    details: { reason: 'wrong_password' },
  });

  const changes = await admin.get(`/api/audit?action=user.updated&objectId=${reg.id}`);
  expect(changes.body.rows).toHaveLength(1);
  expect(changes.body.rows[0]).toMatchObject({ actorLogin: 'admin', objectType: 'user' });
  expect(changes.body.rows[0].details.patch).toEqual({ fullName: 'Сидорова Анна Павловна' });

  const page1 = await admin.get('/api/audit?limit=2');
  expect(page1.body.rows).toHaveLength(2);
  const page2 = await admin.get(`/api/audit?limit=2&beforeId=${page1.body.nextBeforeId}`);
  expect(page2.body.rows[0].id).toBeLessThan(page1.body.rows[1].id);

  const bad = await admin.get('/api/audit?limit=5000');
  expect(bad.status).toBe(400);
  expect((await (await server.client().login('reg77')).get('/api/audit')).status).toBe(403);
});
