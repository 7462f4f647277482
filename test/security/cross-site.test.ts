// Issue 9, finding 12: a write a browser sends on behalf of another site is refused with 403 and a
// Russian message, even with a valid CSRF token, and changes nothing. Same-origin writes, and
// clients that send neither Sec-Fetch-Site nor Origin (not browsers), go through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

const REFUSAL = 'Запрос с другого сайта отклонён. Откройте портал по его адресу и повторите действие.';

/** Signs out with these headers beside a valid token: whether the session survives shows the answer. */
async function signOutWith(headers: Record<string, string>) {
  const c = await server.client().login('reg77');
  const res = await c.request('POST', '/api/auth/logout', { headers });
  const stillSignedIn = (await c.get('/api/auth/session')).status === 200;
  return { res, stillSignedIn };
}

describe('writes from another site', () => {
  it.each([
    [{ 'sec-fetch-site': 'cross-site' }],
    [{ 'sec-fetch-site': 'same-site' }],
    [{ 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1' }],
    [{ origin: 'https://evil.example' }],
    [{ origin: 'http://127.0.0.1:1' }],
    [{ origin: 'null' }],
  ])('are refused: %o', async (headers) => {
    const { res, stillSignedIn } = await signOutWith(headers);
    expect(res.status).toBe(403);
    expect(res.body.title).toBe('cross_site');
    expect(res.body.detail).toBe(REFUSAL);
    expect(stillSignedIn).toBe(true);
  });

  it('refuse a sign-in too', async () => {
    const c = server.client();
    const res = await c.request('POST', '/api/auth/login', {
      json: { login: 'reg77', password: 'demo' },
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(403);
    expect(c.cookie('niko_session')).toBeUndefined();
  });
});

describe('writes from the portal itself', () => {
  it.each([[{ 'sec-fetch-site': 'same-origin' }], [{ 'sec-fetch-site': 'none' }], [{}]])(
    'go through: %o',
    async (headers) => {
      const { res, stillSignedIn } = await signOutWith(headers);
      expect(res.status).toBe(200);
      expect(stillSignedIn).toBe(false);
    },
  );

  it('go through with an Origin of the address the portal was reached at', async () => {
    const { res } = await signOutWith({ origin: server.url });
    expect(res.status).toBe(200);
  });

  it('reads from another site are not writes: a cross-site GET is answered', async () => {
    const c = await server.client().login('reg77');
    const res = await c.request('GET', '/api/auth/session', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(200);
  });
});
