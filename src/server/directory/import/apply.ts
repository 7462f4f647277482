// Writing the checked rows. Password hashing (argon2, ~40 ms each) is done before the transaction
// opens, so that a big import holds the database for the writes only.
import type { Insertable } from 'kysely';
import { generateOneTimePassword, hashPassword } from '../../auth/passwords.js';
import type { UsersTable } from '../../db/schema.js';
import type { Tx } from '../../db/transaction.js';
import {
  deleteSessionsOfOrganizations,
  deleteSessionsOfUsers,
  insertOrganizations,
  insertUsers,
  updateOrganizations,
  updateUsers,
} from './queries.js';
import type { Credential } from './report.js';
import { type OrganizationRow, organizationLogin } from './validate-organizations.js';
import type { UserRow } from './validate-users.js';

export type Outcome = { created: number; updated: number; credentials: Credential[] };
/** The writes, ready to run inside the import's transaction. */
export type Write = (tx: Tx) => Promise<Outcome>;

// Each hash takes a thread of libuv's pool (4 by default) and 19 MiB: a few at a time keeps all
// threads busy without starving the rest of the server.
const HASH_CONCURRENCY = 4;

async function newPasswords(logins: string[]) {
  const out: (Credential & { hash: string })[] = [];
  for (let i = 0; i < logins.length; i += HASH_CONCURRENCY) {
    const chunk = logins.slice(i, i + HASH_CONCURRENCY);
    const hashed = await Promise.all(
      chunk.map(async (login) => {
        const oneTimePassword = generateOneTimePassword();
        return { login, oneTimePassword, hash: await hashPassword(oneTimePassword) };
      }),
    );
    out.push(...hashed);
  }
  return out;
}

const ACCOUNT_DEFAULTS = { region_code: null, municipality_id: null, must_change_password: true } as const;

export async function prepareOrganizations(rows: OrganizationRow[]): Promise<Write> {
  const fresh = rows.filter((r) => !r.exists);
  const existing = rows.filter((r) => r.exists);
  const accounts = await newPasswords(fresh.map((r) => organizationLogin(r.code)));
  return async (tx) => {
    const ids = await insertOrganizations(tx, fresh);
    await updateOrganizations(tx, existing);
    await deleteSessionsOfOrganizations(
      tx,
      existing.filter((r) => r.isActive === false).map((r) => r.code),
    );
    await insertUsers(
      tx,
      fresh.map((r, i) => ({
        ...ACCOUNT_DEFAULTS,
        login: organizationLogin(r.code),
        role: 'organization',
        organization_id: ids.get(r.code) as number,
        password_hash: (accounts[i] as { hash: string }).hash,
      })),
    );
    return {
      created: fresh.length,
      updated: existing.length,
      credentials: accounts.map(({ login, oneTimePassword }) => ({ login, oneTimePassword })),
    };
  };
}

export async function prepareUsers(rows: UserRow[]): Promise<Write> {
  const fresh = rows.filter((r) => r.existingId === undefined);
  const existing = rows.filter((r) => r.existingId !== undefined);
  const accounts = await newPasswords(fresh.map((r) => r.login));
  return async (tx) => {
    const inserts: Insertable<UsersTable>[] = fresh.map((r, i) => ({
      login: r.login,
      role: r.role,
      full_name: r.fullName,
      email: r.email ?? '',
      is_active: r.isActive ?? true,
      region_code: r.regionCode,
      municipality_id: r.municipalityId,
      organization_id: r.organizationId,
      password_hash: (accounts[i] as { hash: string }).hash,
      must_change_password: true,
    }));
    await insertUsers(tx, inserts);
    await updateUsers(
      tx,
      existing.map((r) => ({
        id: r.existingId as number,
        fullName: r.fullName,
        email: r.email,
        isActive: r.isActive,
      })),
    );
    await deleteSessionsOfUsers(
      tx,
      existing.filter((r) => r.isActive === false).map((r) => r.existingId as number),
    );
    return {
      created: fresh.length,
      updated: existing.length,
      credentials: accounts.map(({ login, oneTimePassword }) => ({ login, oneTimePassword })),
    };
  };
}
