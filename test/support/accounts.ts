// Accounts for tests that need only a few users with known passwords (a whole demo is slower to seed),
// and what the audit log says about their sign-ins.
import { sql } from 'kysely';
import { hashPassword } from '../../src/server/auth/passwords.js';
import type { Db } from '../../src/server/db/connection.js';

/** A federal operator (the account an attacker would most like to lock or guess). */
export async function createOperator(db: Db, login: string, password: string) {
  const row = await db
    .insertInto('users')
    .values({ login, role: 'federal', password_hash: await hashPassword(password) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How many sign-ins of `login` reached password verification: each ends as a failure or a success. */
export async function passwordChecks(db: Db, login: string) {
  const row = await db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('action', 'in', ['auth.login_failed', 'auth.login'])
    .where('object_id', '=', login)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The audit's sign-in actions for `login`, oldest first. */
export async function signInActions(db: Db, login: string) {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .where('object_type', '=', 'login')
    .where('object_id', '=', login)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}
