// Issue 9, finding 12: a CSRF token is bound to the session it was handed out in. A token from
// another session (another person's, or one's own from before signing in or out) is refused, even
// with the secret cookie it was made with; signing in with the signed-out token still works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

/** A write that changes nothing: it only slides the session's expiry. */
function keepalive(c: Client, token: string) {
  return c.request('POST', '/api/auth/keepalive', { headers: { 'x-csrf-token': token } });
}

describe('a CSRF token bound to the session', () => {
  it("refuses another session's token, even with its secret cookie planted beside it", async () => {
    const attacker = await server.client().login('reg01');
    const attackerToken = await attacker.csrfToken();
    expect((await keepalive(attacker, attackerToken)).status).toBe(200);

    const victim = await server.client().login('reg02');
    // Cookie injection: the attacker's secret in the victim's browser, and the attacker's token.
    victim.setCookie('niko_csrf', attacker.cookie('niko_csrf') as string);
    const forged = await victim.request('POST', '/api/auth/logout', {
      headers: { 'x-csrf-token': attackerToken },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.title).toBe('csrf');
    expect(forged.body.detail).toBe('Запрос отклонён защитой от подделки (CSRF). Обновите страницу.');
    expect((await victim.get('/api/auth/session')).status).toBe(200);
  });

  it('signs in with the signed-out token, which then no longer serves; a new one does', async () => {
    const c = server.client();
    const anonymousToken = await c.csrfToken();
    const login = await c.request('POST', '/api/auth/login', {
      json: { login: 'reg03', password: 'demo' },
      headers: { 'x-csrf-token': anonymousToken },
    });
    expect(login.status).toBe(200);
    const stale = await keepalive(c, anonymousToken);
    expect(stale.status).toBe(403);
    expect(stale.body.title).toBe('csrf');
    const fresh = await c.csrfToken();
    expect(fresh).not.toBe(anonymousToken);
    expect((await keepalive(c, fresh)).status).toBe(200);
  });

  it("refuses a session's token once it has signed out, and after signing in again", async () => {
    const c = await server.client().login('reg04');
    const first = await c.csrfToken();
    expect((await c.request('POST', '/api/auth/logout', { headers: { 'x-csrf-token': first } })).status).toBe(
      200,
    );
    const again = await c.request('POST', '/api/auth/login', {
      json: { login: 'reg04', password: 'demo' },
      headers: { 'x-csrf-token': first },
    });
    expect(again.status).toBe(403);
    await c.login('reg04');
    expect((await keepalive(c, first)).status).toBe(403);
    expect((await keepalive(c, await c.csrfToken())).status).toBe(200);
  });
});
