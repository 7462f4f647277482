// Sign-in, sign-out, the session cookie, and the same answer for a wrong login and a wrong password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

async function auditCount(action: string, objectId: string) {
  const row = await server.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .where('object_id', '=', objectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('sign-in', () => {
  it('signs in with the demo password and sets a HttpOnly, SameSite=Lax session cookie', async () => {
    const c = server.client();
    const res = await c.post('/api/auth/login', { login: 'reg77', password: 'demo' });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith('niko_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = await c.get('/api/auth/session');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      login: 'reg77',
      role: 'regional',
      regionCode: '77',
      scopeName: 'г. Москва',
    });
    expect(await auditCount('auth.login', 'reg77')).toBeGreaterThanOrEqual(1);
  });

  it('marks the cookie Secure when served over HTTPS (behind a proxy)', async () => {
    const s = await startTestServer({ database: server.database, config: { trustProxy: true } });
    try {
      const c = s.client();
      const res = await c.request('POST', '/api/auth/login', {
        json: { login: 'reg77', password: 'demo' },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie().find((x) => x.startsWith('niko_session='))).toMatch(/Secure/);
    } finally {
      await s.close();
    }
  });

  it('answers a wrong login and a wrong password with the same message, and audits both', async () => {
    const c = server.client();
    const unknown = await c.post('/api/auth/login', { login: 'nosuchuser', password: 'demo' });
    const wrong = await c.post('/api/auth/login', { login: 'reg01', password: 'wrong' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(unknown.body.detail).toBe('Неверный логин или пароль.');
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(await auditCount('auth.login_failed', 'nosuchuser')).toBe(1);
    expect(await auditCount('auth.login_failed', 'reg01')).toBe(1);
    expect((await c.get('/api/auth/session')).status).toBe(401);
  });

  it('«Выйти» ends the session on the server', async () => {
    const c = await server.client().login('reg50');
    const token = c.cookie('niko_session');
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/auth/session')).status).toBe(401);
    // The old token is dead even if someone kept it.
    const thief = server.client();
    thief.setCookie('niko_session', token as string);
    expect((await thief.get('/api/auth/session')).status).toBe(401);
  });
});
