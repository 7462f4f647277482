// Finding 11 of issue 9: the current-password check of POST /api/auth/password had no attempt
// limit (40 wrong tries, then the right one, accepted). Now the checks are counted per user like
// sign-ins: past the limit even the right current password is refused with 429 until the window
// passes, and the password stays as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperator } from '../support/accounts.js';
import type { Client } from '../support/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PER_LOGIN = 5;
const PASSWORD = 'Staryi-parol-2026';
const NEW_PASSWORD = 'Novyi-parol-2026';

let database: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({
    database,
    config: { loginLimits: { perLogin: PER_LOGIN, perIp: 1000, windowMs: 3_600_000 } },
  });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

const change = (c: Client, currentPassword: string) =>
  c.post('/api/auth/password', { currentPassword, newPassword: NEW_PASSWORD });

async function passwordHashOf(userId: number) {
  const row = await database.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.password_hash;
}

describe('the current-password check of a password change', () => {
  it('after the limit of wrong tries even the right password is refused with 429, and nothing changes', async () => {
    const userId = await createOperator(database.db, 'changer', PASSWORD);
    const hashBefore = await passwordHashOf(userId);
    const c = await server.client().login('changer', PASSWORD);
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push((await change(c, `wrong-${i}`)).status);
    expect(answers.slice(0, PER_LOGIN)).toEqual(Array(PER_LOGIN).fill(400));
    expect(answers.slice(PER_LOGIN)).toEqual(Array(40 - PER_LOGIN).fill(429));

    const refused = await change(c, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(
      /^Слишком много попыток ввести текущий пароль\. Повторите попытку через \d+ мин\.$/,
    );
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    // The password is the old one: stored hash, and signing in.
    expect(await passwordHashOf(userId)).toBe(hashBefore);
    expect(
      (await server.client().post('/api/auth/login', { login: 'changer', password: NEW_PASSWORD })).status,
    ).toBe(401);
    await server.client().login('changer', PASSWORD);
    const audited = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'auth.password_changed')
      .where('object_id', '=', String(userId))
      .execute();
    expect(audited).toEqual([]);
  });

  it('is counted per user, in every session, and a right password within the limit clears the count', async () => {
    const userId = await createOperator(database.db, 'second-changer', PASSWORD);
    const hashBefore = await passwordHashOf(userId);
    const first = await server.client().login('second-changer', PASSWORD);
    const second = await server.client().login('second-changer', PASSWORD);
    for (let i = 0; i < PER_LOGIN - 1; i++) expect((await change(first, 'wrong')).status).toBe(400);
    // A weak new password, but the current one right: the count starts again.
    const weak = await second.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    for (let i = 0; i < PER_LOGIN; i++) expect((await change(second, 'wrong')).status).toBe(400);
    expect((await change(first, PASSWORD)).status).toBe(429);
    expect(await passwordHashOf(userId)).toBe(hashBefore);

    // The window passes (its start moved back by a window, instead of waiting for it).
    await database.pool.query(
      `UPDATE login_attempts SET window_start = window_start - interval '1 hour'
        WHERE kind = 'password' AND key = $1`,
      [String(userId)],
    );
    expect((await change(first, PASSWORD)).status).toBe(200);
    await server.client().login('second-changer', NEW_PASSWORD);
  });
});
