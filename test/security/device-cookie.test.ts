// Finding 6 of issue 9: five wrong passwords from anywhere used to lock any account, the operator's
// too, for the whole window. Now a browser that has signed in to the account before carries a signed
// device cookie (OWASP's device cookies): strangers' failures do not lock it out, and its own failures
// lock out only itself. Clients without one stay limited per login and per address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/server/config.js';
import { createOperator, signInActions } from '../support/accounts.js';
import type { Client } from '../support/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PER_LOGIN = 3;
const PASSWORD = 'Pravilnyi-parol-9';
const config: Partial<Config> = {
  loginLimits: { perLogin: PER_LOGIN, perIp: 1000, windowMs: 3_600_000 },
};

let database: TestDatabase;
let one: TestServer;
let two: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  one = await startTestServer({ database, config });
  two = await startTestServer({ database, config });
});
afterAll(async () => {
  await one?.close();
  await two?.close();
  await database?.close();
});

const attempt = (c: Client, login: string, password: string) =>
  c.post('/api/auth/login', { login, password });

/** A browser the owner has signed in from (and signed out of again): it keeps the device cookie. */
async function knownBrowser(server: TestServer, login: string) {
  const c = await server.client().login(login, PASSWORD);
  expect((await c.post('/api/auth/logout')).status).toBe(200);
  expect(c.cookie('niko_device')).toBeTruthy();
  return c;
}

/** Strangers (no device cookie) use up the login's failures; then even its password gets 429. */
async function lockOutStrangers(login: string) {
  for (let i = 0; i < PER_LOGIN; i++) expect((await attempt(one.client(), login, 'guess')).status).toBe(401);
  const locked = await attempt(one.client(), login, PASSWORD);
  expect(locked.status).toBe(429);
  expect(locked.body.detail).toMatch(/Слишком много неудачных попыток входа/);
}

describe('device cookie', () => {
  it('is set at sign-in: HttpOnly, SameSite=Strict, sent only to the sign-in route, lasting DEVICE_COOKIE_DAYS', async () => {
    await createOperator(database.db, 'cookie-shape', PASSWORD);
    const res = await attempt(one.client(), 'cookie-shape', PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith('niko_device=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth\/login(;|$)/);
    expect(cookie).toMatch(new RegExp(`Max-Age=${180 * 86_400}(;|$)`));
  });

  it('the owner signs in from a known browser while strangers are locked out with 429', async () => {
    await createOperator(database.db, 'chief', PASSWORD);
    const owner = await knownBrowser(one, 'chief');
    await lockOutStrangers('chief');
    const res = await attempt(owner, 'chief', PASSWORD);
    expect(res.status).toBe(200);
    expect((await owner.get('/api/auth/session')).body.user.login).toBe('chief');
    // The owner's success does not hand strangers a fresh set of guesses.
    expect((await attempt(one.client(), 'chief', PASSWORD)).status).toBe(429);
    expect(await signInActions(database.db, 'chief')).toEqual([
      'auth.login',
      ...Array(PER_LOGIN).fill('auth.login_failed'),
      'auth.login_throttled',
      'auth.login',
      'auth.login_throttled',
    ]);
  });

  it('failures from a known browser lock out only that browser', async () => {
    await createOperator(database.db, 'deputy', PASSWORD);
    const careless = await knownBrowser(one, 'deputy');
    const other = await knownBrowser(one, 'deputy');
    for (let i = 0; i < PER_LOGIN; i++) expect((await attempt(careless, 'deputy', 'typo')).status).toBe(401);
    const locked = await attempt(careless, 'deputy', PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt(other, 'deputy', PASSWORD)).status).toBe(200);
    // Nor did they count against the login for browsers without a cookie.
    expect((await attempt(one.client(), 'deputy', PASSWORD)).status).toBe(200);
  });

  it('a cookie that is altered, issued to another login, or signed with another secret makes a stranger', async () => {
    await createOperator(database.db, 'guarded', PASSWORD);
    await createOperator(database.db, 'neighbour', PASSWORD);
    const owner = await knownBrowser(one, 'guarded');
    const neighbour = await knownBrowser(one, 'neighbour');
    const keyed = await startTestServer({
      database,
      config: {
        ...config,
        deviceCookie: { secret: 'another-secret-of-at-least-32-characters', maxAgeMs: 86_400_000 },
      },
    });
    try {
      const elsewhere = await knownBrowser(keyed, 'guarded');
      await lockOutStrangers('guarded');
      const [login, nonce, expires, mac = ''] = (owner.cookie('niko_device') as string).split('.');
      const forged = [
        // A later expiry, and a changed signature.
        [login, nonce, Number(expires) + 1, mac].join('.'),
        [login, nonce, expires, (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1)].join('.'),
        neighbour.cookie('niko_device') as string,
        elsewhere.cookie('niko_device') as string,
        'niko',
      ];
      for (const cookie of forged) {
        const c = one.client();
        c.setCookie('niko_device', cookie);
        expect((await attempt(c, 'guarded', PASSWORD)).status).toBe(429);
      }
      expect((await attempt(owner, 'guarded', PASSWORD)).status).toBe(200);
    } finally {
      await keyed.close();
    }
  });

  it('without DEVICE_COOKIE_SECRET, every process shares one secret generated once and kept in the database', async () => {
    await createOperator(database.db, 'roaming', PASSWORD);
    const owner = await knownBrowser(one, 'roaming');
    await lockOutStrangers('roaming');
    // The cookie the first process issued is recognised by the second.
    const sameBrowser = two.client();
    sameBrowser.setCookie('niko_device', owner.cookie('niko_device') as string);
    expect((await attempt(sameBrowser, 'roaming', PASSWORD)).status).toBe(200);
    const secrets = await database.db.selectFrom('server_secrets').select('name').execute();
    expect(secrets).toEqual([{ name: 'device_cookie' }]);
  });
});
