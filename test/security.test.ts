// Limits on failed sign-ins, CSRF refusal, idle expiry, and the one-time password that must be changed.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './support/client.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    demo: true,
    config: { loginLimits: { perLogin: 3, perIp: 1000, windowMs: 60_000 } },
  });
});
afterAll(() => server.close());

describe('failed sign-in limits', () => {
  it('locks a login after repeated failures with 429 and a Russian message, even with the right password', async () => {
    const c = server.client();
    for (let i = 0; i < 3; i++)
      expect((await c.post('/api/auth/login', { login: 'reg01', password: 'bad' })).status).toBe(401);
    const locked = await c.post('/api/auth/login', { login: 'reg01', password: 'demo' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(locked.body.detail).toMatch(/Слишком много неудачных попыток входа/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other logins are not affected.
    expect((await c.post('/api/auth/login', { login: 'reg02', password: 'demo' })).status).toBe(200);
    const throttled = await server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', 'reg01')
      .orderBy('id')
      .execute();
    expect(throttled.map((r) => r.action)).toEqual([
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_throttled',
    ]);
  });

  it('limits one address that tries many logins', async () => {
    const s = await startTestServer({
      database: server.database,
      config: { loginLimits: { perLogin: 100, perIp: 4, windowMs: 60_000 } },
    });
    try {
      const c = s.client();
      // Earlier tests' failures from 127.0.0.1 count too: fill up to the limit.
      for (let i = 0; i < 4; i++) await c.post('/api/auth/login', { login: `ghost${i}`, password: 'x' });
      const res = await c.post('/api/auth/login', { login: 'reg03', password: 'demo' });
      expect(res.status).toBe(429);
      expect(res.body.detail).toMatch(/Слишком много неудачных попыток входа/);
    } finally {
      await s.close();
    }
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token, and changes nothing', async () => {
    const c = await server.client().login('reg77');
    const noToken = await c.request('POST', '/api/auth/logout', { csrf: false });
    expect(noToken.status).toBe(403);
    expect(noToken.body.title).toBe('csrf');
    expect(noToken.body.detail).toMatch(/CSRF/);
    const forged = await c.request('POST', '/api/auth/logout', { headers: { 'x-csrf-token': 'forged' } });
    expect(forged.status).toBe(403);
    // Still signed in: the refused sign-out did nothing.
    expect((await c.get('/api/auth/session')).status).toBe(200);
  });

  it('refuses a sign-in without the token', async () => {
    const c = server.client();
    const res = await c.request('POST', '/api/auth/login', {
      json: { login: 'reg77', password: 'demo' },
      csrf: false,
    });
    expect(res.status).toBe(403);
    expect(c.cookie('niko_session')).toBeUndefined();
  });
});

describe('idle expiry', () => {
  // Idle time passes in the database, not on the clock: the user's sessions' stored instants move
  // back, as they would have aged, so the test needs no sleep and no short setting.
  async function idle(login: string, minutes: number) {
    await sql`
      UPDATE sessions
         SET created_at = created_at - make_interval(mins => ${minutes}),
             last_seen_at = last_seen_at - make_interval(mins => ${minutes}),
             expires_at = expires_at - make_interval(mins => ${minutes})
       WHERE user_id = (SELECT id FROM users WHERE login = ${login})`.execute(server.database.db);
  }
  const expiryOf = async (c: Client) => new Date((await c.get('/api/auth/session')).body.expiresAt).getTime();

  it('ends a session idle longer than the setting; requests and keepalive slide it, the idle poll does not', async () => {
    const c = await server.client().login('reg04');
    const first = await c.get('/api/auth/session');
    expect(first.body.idleTimeoutSeconds).toBe(30 * 60);
    const signedIn = new Date(first.body.expiresAt).getTime();

    await idle('reg04', 20);
    // The idle-warning poll reads the session without sliding it: ten minutes are left.
    const polled = await expiryOf(c);
    expect(polled).toBe(signedIn - 20 * 60_000);
    expect(await expiryOf(c)).toBe(polled);

    // «Продолжить работу» slides it to a full 30 minutes from now.
    const kept = await c.post('/api/auth/keepalive');
    expect(kept.status).toBe(200);
    expect(new Date(kept.body.expiresAt).getTime()).toBeGreaterThan(polled + 19 * 60_000);

    // 40 minutes after signing in, alive thanks to the keepalive; an ordinary request slides it too.
    await idle('reg04', 20);
    expect((await c.get('/api/publications')).status).toBe(200);
    await idle('reg04', 20);
    expect((await c.get('/api/auth/session')).status).toBe(200);

    // Idle past the setting: gone.
    await idle('reg04', 31);
    const expired = await c.get('/api/auth/session');
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toBe('Требуется вход в систему.');
  });
});

describe('password reset and change', () => {
  it('a regional coordinator resets its organization; the one-time password must be changed first', async () => {
    const reg = await server.client().login('reg77');
    const target = (await reg.get('/api/users?q=sch770003')).body.rows[0];
    const old = await server.client().login('sch770003');
    const reset = await reg.post(`/api/users/${target.id}/reset-password`);
    expect(reset.status).toBe(200);
    const otp = reset.body.oneTimePassword as string;
    expect(otp).toMatch(/^[A-Za-z0-9]{12}$/);
    // The reset ends the user's sessions and the old password.
    expect((await old.get('/api/auth/session')).status).toBe(401);
    expect(
      (await server.client().post('/api/auth/login', { login: 'sch770003', password: 'demo' })).status,
    ).toBe(401);

    const user = await server.client().login('sch770003', otp);
    expect((await user.get('/api/auth/session')).body.user.mustChangePassword).toBe(true);
    const blocked = await user.post('/api/auth/keepalive');
    expect(blocked.status).toBe(200);
    const weak = await user.post('/api/auth/password', { currentPassword: otp, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.detail).toMatch(/не короче 8 символов/);
    const wrong = await user.post('/api/auth/password', {
      currentPassword: 'nope',
      newPassword: 'Novyi-parol-2026',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toBe('Текущий пароль указан неверно.');
    const ok = await user.post('/api/auth/password', {
      currentPassword: otp,
      newPassword: 'Novyi-parol-2026',
    });
    expect(ok.status).toBe(200);
    expect((await user.get('/api/auth/session')).body.user.mustChangePassword).toBe(false);
    // The one-time password is spent.
    expect(
      (await server.client().post('/api/auth/login', { login: 'sch770003', password: otp })).status,
    ).toBe(401);
    await server.client().login('sch770003', 'Novyi-parol-2026');
  });

  it('a user with a one-time password is held to changing it', async () => {
    const admin = await server.client().login('admin');
    const target = (await admin.get('/api/users?q=reg05')).body.rows[0];
    const otp = (await admin.post(`/api/users/${target.id}/reset-password`)).body.oneTimePassword;
    const user = await server.client().login('reg05', otp);
    const res = await user.get('/api/organizations');
    expect(res.status).toBe(403);
    expect(res.body.title).toBe('password_change_required');
    expect(res.body.detail).toBe('Смените временный пароль, чтобы продолжить работу.');
  });

  it('a regional coordinator cannot reset a coordinator of its own region', async () => {
    const reg = await server.client().login('reg77');
    const mun = (await reg.get('/api/users?q=mun77001')).body.rows[0];
    const before = await server.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', mun.id)
      .executeTakeFirstOrThrow();
    expect((await reg.post(`/api/users/${mun.id}/reset-password`)).status).toBe(404);
    const after = await server.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', mun.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('a municipal coordinator and an organization may not reset anyone', async () => {
    const sch = (
      await server
        .client()
        .login('admin')
        .then((c) => c.get('/api/users?q=sch770005'))
    ).body.rows[0];
    for (const login of ['mun77001', 'sch770005']) {
      const c = await server.client().login(login);
      expect((await c.post(`/api/users/${sch.id}/reset-password`)).status).toBe(404);
    }
  });
});
