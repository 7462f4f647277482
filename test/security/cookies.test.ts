// Issue 9, finding 12: cookies get `Secure` as COOKIE_SECURE says (auto: when the request came
// over HTTPS, which behind a proxy the server learns only with TRUST_PROXY), the CSRF secret's
// cookie as well as the session's; and the server warns at start-up when, listening beyond
// loopback, it would send them without `Secure`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, insecureCookieWarning, loadConfig } from '../../src/server/config.js';
import { type ServerProcess, startServerProcess } from '../support/process.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

/** The Set-Cookie lines of a sign-in (the CSRF secret's, then the session's), by cookie name. */
async function cookiesOfSignIn(s: TestServer, headers: Record<string, string> = {}) {
  const c = s.client();
  const csrf = await c.request('GET', '/api/auth/csrf', { headers });
  const login = await c.request('POST', '/api/auth/login', {
    json: { login: 'reg77', password: 'demo' },
    headers,
  });
  expect(login.status).toBe(200);
  const lines = [...csrf.headers.getSetCookie(), ...login.headers.getSetCookie()];
  return new Map(lines.map((l) => [l.slice(0, l.indexOf('=')), l]));
}

async function withServer(config: Partial<Config>, run: (s: TestServer) => Promise<void>) {
  const s = await startTestServer({ database: server.database, config });
  try {
    await run(s);
  } finally {
    await s.close();
  }
}

const HTTPS_PROXY = { 'x-forwarded-proto': 'https' };

describe('Secure on cookies', () => {
  it('auto, over plain HTTP: not Secure (the browser would drop them)', async () => {
    const cookies = await cookiesOfSignIn(server);
    expect(cookies.get('niko_csrf')).not.toMatch(/;\s*Secure/i);
    expect(cookies.get('niko_session')).not.toMatch(/;\s*Secure/i);
  });

  it('auto, behind a TLS proxy with TRUST_PROXY: Secure, both cookies', async () => {
    await withServer({ trustProxy: true }, async (s) => {
      const cookies = await cookiesOfSignIn(s, HTTPS_PROXY);
      expect(cookies.get('niko_csrf')).toMatch(/;\s*Secure/i);
      expect(cookies.get('niko_session')).toMatch(/;\s*Secure/i);
    });
  });

  it('true: Secure whatever the request says, without TRUST_PROXY', async () => {
    await withServer({ cookieSecure: true }, async (s) => {
      const cookies = await cookiesOfSignIn(s);
      expect(cookies.get('niko_csrf')).toMatch(/;\s*Secure/i);
      expect(cookies.get('niko_session')).toMatch(/;\s*Secure/i);
    });
  });

  it('false: never Secure, even over HTTPS', async () => {
    await withServer({ cookieSecure: false, trustProxy: true }, async (s) => {
      const cookies = await cookiesOfSignIn(s, HTTPS_PROXY);
      expect(cookies.get('niko_csrf')).not.toMatch(/;\s*Secure/i);
      expect(cookies.get('niko_session')).not.toMatch(/;\s*Secure/i);
    });
  });
});

describe('the start-up warning', () => {
  const dirs: string[] = [];
  const processes: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  /** The real entry point on an empty embedded database of its own, listening on every address. */
  async function start(env: Record<string, string>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-cookies-'));
    dirs.push(dir);
    const p = await startServerProcess({ DATA_DIR: dir, DATABASE_URL: '', SEED_DEMO: 'never', ...env });
    processes.push(p);
    return p;
  }

  const warnings = (p: ServerProcess) =>
    p.logs().filter((l) => l.level === 40 && /without Secure/.test(String(l.msg)));

  it('is logged when cookies would go out without Secure beyond loopback, and only then', async () => {
    const [plain, forced] = await Promise.all([
      start({ HOST: '0.0.0.0' }),
      start({ HOST: '0.0.0.0', COOKIE_SECURE: 'true' }),
    ]);
    expect(warnings(plain)).toHaveLength(1);
    expect(String(warnings(plain)[0]?.msg)).toMatch(/TRUST_PROXY=true or COOKIE_SECURE=true/);
    expect(warnings(forced)).toEqual([]);
  }, 240_000);

  it('names each setting that leaves cookies without Secure', () => {
    const warn = (env: Record<string, string>) =>
      insecureCookieWarning(loadConfig({ HOST: '0.0.0.0', ...env }));
    expect(warn({})).toMatch(/TRUST_PROXY=true or COOKIE_SECURE=true/);
    expect(warn({ COOKIE_SECURE: 'false', TRUST_PROXY: 'true' })).toMatch(/^COOKIE_SECURE=false/);
    expect(warn({ TRUST_PROXY: 'true' })).toBeNull();
    expect(warn({ COOKIE_SECURE: 'true' })).toBeNull();
    for (const HOST of ['127.0.0.1', 'localhost', '::1']) expect(warn({ HOST })).toBeNull();
  });
});
