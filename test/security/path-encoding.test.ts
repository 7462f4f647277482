// Finding 3 of issue 9: the router decodes the path, so the session and CSRF hooks must decide by
// the route it matched, not by the raw URL. Every /api/ route, reached through an encoded, doubled-
// slash or dot-segment variant of its path, gets exactly what its plain path gets, or a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { cookieHeader, type RawResponse, rawRequest } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A concrete path for a route pattern: ids 1, region code 77. */
function concrete(url: string) {
  return url.replace(':code', '77').replace(/:[a-zA-Z]+/g, '1');
}

/** The same path written other ways a client might: each must not reach the route unguarded. */
function variants(path: string): string[] {
  const rest = path.slice('/api'.length);
  const lastSlash = path.lastIndexOf('/');
  const encodedLast = `${path.slice(0, lastSlash + 1)}%${path.charCodeAt(lastSlash + 1).toString(16)}${path.slice(lastSlash + 2)}`;
  return [
    `/%61pi${rest}`,
    `/%61%70%69${rest}`,
    encodedLast,
    `//api${rest}`,
    `/api/${rest}`,
    `/x/../api${rest}`,
    `/api/./${rest.slice(1)}`,
    `/api%2F${rest.slice(1)}`,
    `/%2Fapi${rest}`,
    path.replace(/\/(?=[^/]*$)/, '%2F'),
  ];
}

function send(method: string, path: string, cookies: Record<string, string | undefined>, json?: unknown) {
  const headers: Record<string, string> = { cookie: cookieHeader(cookies) };
  const body = json === undefined ? undefined : JSON.stringify(json);
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return rawRequest(server.url, method, path, { headers, body });
}

function apiRoutes() {
  return server.app.routeList.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
}

/** A signed-in federal operator, who may call every route, and the cookies its browser sends. */
async function signedInAdmin(): Promise<{ client: Client; cookies: Record<string, string | undefined> }> {
  const client = await server.client().login('admin');
  await client.csrfToken();
  return {
    client,
    cookies: { niko_session: client.cookie('niko_session'), niko_csrf: client.cookie('niko_csrf') },
  };
}

function isCsrfRefusalOr404(res: RawResponse) {
  return (res.status === 403 && res.body.title === 'csrf') || res.status === 404;
}

describe('a write without the CSRF token', () => {
  it('is refused on every /api/ route and every spelling of its path, and changes nothing', async () => {
    const admin = await signedInAdmin();
    const sessionsBefore = await server.database.db.selectFrom('sessions').select('id').execute();
    const bypasses: string[] = [];
    for (const route of apiRoutes().filter((r) => !SAFE.has(r.method))) {
      const path = concrete(route.url);
      const json = route.method === 'DELETE' ? undefined : {};
      for (const p of [path, ...variants(path)]) {
        const res = await send(route.method, p, admin.cookies, json);
        if (!isCsrfRefusalOr404(res))
          bypasses.push(`${route.method} ${p} → ${res.status} ${res.text.slice(0, 80)}`);
        if (p === path && res.status !== 403) bypasses.push(`${route.method} ${p} (plain) → ${res.status}`);
      }
    }
    expect(bypasses).toEqual([]);
    // The sign-outs did not end the session; nothing signed in.
    expect((await admin.client.get('/api/auth/session')).status).toBe(200);
    const sessionsAfter = await server.database.db.selectFrom('sessions').select('id').execute();
    expect(sessionsAfter).toEqual(sessionsBefore);
  });

  it('signs nobody in through an encoded login path', async () => {
    const anonymous = server.client();
    await anonymous.csrfToken();
    for (const p of ['/api/auth/login', ...variants('/api/auth/login')]) {
      const res = await send(
        'POST',
        p,
        { niko_csrf: anonymous.cookie('niko_csrf') },
        {
          login: 'admin',
          password: 'demo',
        },
      );
      expect(isCsrfRefusalOr404(res), `${p} → ${res.status}`).toBe(true);
      expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/niko_session=[^;]/);
    }
  });
});

describe('a read', () => {
  it('gets the session and the answer of the plain path, or a refusal, on every /api/ route', async () => {
    const admin = await signedInAdmin();
    const differences: string[] = [];
    for (const route of apiRoutes().filter((r) => SAFE.has(r.method))) {
      const path = concrete(route.url);
      const plain = await send(route.method, path, admin.cookies);
      for (const p of variants(path)) {
        const res = await send(route.method, p, admin.cookies);
        // 400: `%2F` inside a segment makes it one parameter (`1/download`), which the route refuses.
        if (![plain.status, 400, 404].includes(res.status))
          differences.push(`${route.method} ${p} → ${res.status}, plain ${plain.status}`);
      }
    }
    expect(differences).toEqual([]);
    expect((await send('GET', '/api/auth/session', admin.cookies)).status).toBe(200);
  });

  it('an unknown /api/ address is a 404 problem however it is spelled, never the web page', async () => {
    for (const p of ['/api/nothing', '/%61pi/nothing', '//api/nothing', '/x/../api/nothing']) {
      const res = await send('GET', p, {});
      expect(res.status, p).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toBe('Адрес не найден.');
    }
  });
});
