// Finding 1 of issue 9: guesses sent in parallel must not beat the sign-in limits. The check and
// the count are one atomic step taken before the password is verified, so however many guesses
// arrive at once, at most the limit of them reach verification, on one server process or two.
// Each case comes from its own address (X-Forwarded-For, with TRUST_PROXY) so that the per-address
// counts of one case do not spill into another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/server/config.js';
import { createOperator, passwordChecks, signInActions } from '../support/accounts.js';
import type { Client } from '../support/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PER_LOGIN = 5;
const HOUR = 3_600_000;
const limits = (perIp: number): Partial<Config> => ({
  trustProxy: true,
  loginLimits: { perLogin: PER_LOGIN, perIp, windowMs: HOUR },
});

let database: TestDatabase;
let one: TestServer;
let two: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  one = await startTestServer({ database, config: limits(1000) });
  two = await startTestServer({ database, config: limits(1000) });
});
afterAll(async () => {
  await one?.close();
  await two?.close();
  await database?.close();
});

function signIn(client: Client, ip: string, login: string, password: string) {
  return client.request('POST', '/api/auth/login', {
    json: { login, password },
    headers: { 'x-forwarded-for': ip },
  });
}

/** Clients with their CSRF token already fetched, so that a burst does not race for it. */
async function readyClients(servers: TestServer[]) {
  const clients = servers.map((s) => s.client());
  for (const c of clients) await c.csrfToken();
  return clients;
}

/** Resolves when the first of `answers` is a 429: the limit has been reached. */
function firstRefusal(answers: Promise<{ status: number }>[]) {
  return new Promise<void>((resolve) => {
    for (const a of answers) void a.then((r) => r.status === 429 && resolve());
  });
}

/**
 * 79 wrong passwords at once, spread over the clients, then the right one. The right one goes out
 * as soon as one guess has been refused (guesses may still be in flight); if none ever is (the
 * limits beaten), it goes out after all of them.
 */
async function guessInParallel(clients: Client[], ip: string, login: string, password: string) {
  const wrong = Array.from({ length: 79 }, (_, i) =>
    signIn(clients[i % clients.length] as Client, ip, login, `wrong-${i}`),
  );
  await Promise.race([firstRefusal(wrong), Promise.all(wrong)]);
  const right = await signIn(clients[79 % clients.length] as Client, ip, login, password);
  const statuses = [...(await Promise.all(wrong)), right].map((r) => r.status);
  return { right, statuses };
}

function tally(statuses: number[]) {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

async function sessionsOf(userId: number) {
  const rows = await database.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  return rows.length;
}

/** A new account takes 79 wrong guesses and then its password, in parallel, through `servers`. */
async function raceAgainst(servers: TestServer[], login: string, ip: string) {
  const password = `Pravilnyi-parol-${login}`;
  const userId = await createOperator(database.db, login, password);
  const { right, statuses } = await guessInParallel(await readyClients(servers), ip, login, password);
  // Every guess that reached verification left a failure (or a success) in the audit log.
  expect(await passwordChecks(database.db, login)).toBe(PER_LOGIN);
  expect(tally(statuses)).toEqual({ 401: PER_LOGIN, 429: 80 - PER_LOGIN });
  expect(right.status).toBe(429);
  expect(right.body.detail).toMatch(/Слишком много неудачных попыток входа/);
  expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await sessionsOf(userId)).toBe(0);
  const actions = await signInActions(database.db, login);
  expect(actions.filter((a) => a === 'auth.login_throttled')).toHaveLength(80 - PER_LOGIN);
}

describe('parallel guesses against one account', () => {
  it('on one server: at most the limit reach verification, and the right password does not sign in', async () => {
    await raceAgainst([one], 'race-one', '198.51.100.1');
  });

  it('on two servers sharing one database: the same bound', async () => {
    await raceAgainst([one, two], 'race-two', '198.51.100.2');
  });
});

describe('parallel guesses from one address', () => {
  it('at most the per-address limit of guesses over many logins reach verification', async () => {
    const perIp = 10;
    const s = await startTestServer({
      database,
      config: { trustProxy: true, loginLimits: { perLogin: 100, perIp, windowMs: HOUR } },
    });
    try {
      const [c] = await readyClients([s]);
      const ip = '198.51.100.3';
      const logins = Array.from({ length: 80 }, (_, i) => `spray-${i}`);
      const answers = await Promise.all(logins.map((l) => signIn(c as Client, ip, l, 'guess')));
      expect(tally(answers.map((a) => a.status))).toEqual({ 401: perIp, 429: 80 - perIp });
      const checked = await database.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'auth.login_failed')
        .where('ip', '=', ip)
        .execute();
      expect(checked).toHaveLength(perIp);
    } finally {
      await s.close();
    }
  });
});

describe('the counter', () => {
  it('a success clears the login’s failures; failures stay counted until the window passes', async () => {
    await createOperator(database.db, 'counted', 'Pravilnyi-parol-3');
    const ip = '198.51.100.4';
    // A new client each time: no device cookie from the success (device-cookie.test.ts has those).
    const attempt = (password: string) => signIn(one.client(), ip, 'counted', password);
    for (let i = 0; i < PER_LOGIN - 1; i++) expect((await attempt('wrong')).status).toBe(401);
    expect((await attempt('Pravilnyi-parol-3')).status).toBe(200);
    // The success started a fresh count: the limit's worth of failures again, then 429.
    for (let i = 0; i < PER_LOGIN; i++) expect((await attempt('wrong')).status).toBe(401);
    expect((await attempt('Pravilnyi-parol-3')).status).toBe(429);
    // The window passes (its start moved back by a window, instead of waiting for it).
    await database.pool.query(
      `UPDATE login_attempts SET window_start = window_start - interval '1 hour'
        WHERE kind = 'login' AND key = 'counted'`,
    );
    expect((await attempt('Pravilnyi-parol-3')).status).toBe(200);
  });
});
