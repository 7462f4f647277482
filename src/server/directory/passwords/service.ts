// One-time passwords for organizations' accounts, issued by a coordinator for its territory (issue
// 11 §3): for chosen organizations, or for every account that has never signed in. The count comes
// first, for the confirmation; issuing replaces the passwords and answers them once, in a zip of an
// xlsx and a printable PDF. Nothing of a password is kept but its argon2id hash, and each must be
// changed at the first sign-in (`must_change_password`, as after a reset).
import { ROLE_LABELS } from '../../../shared/roles.js';
import { audit } from '../../audit/service.js';
import { generateOneTimePassword } from '../../auth/passwords.js';
import type { Db } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { type RequestContext, userOf } from '../../http/context.js';
import { Problem } from '../../http/problem.js';
import { getMunicipality, getRegion } from '../geography/queries.js';
import { accessZip, type IssuedAccount } from './access-files.js';
import { hashBounded } from './hashing.js';
import {
  type AccountSelection,
  countIssuable,
  deleteSessionsOf,
  listIssuable,
  organizationsSeen,
  storeOneTimeHashes,
} from './queries.js';

/**
 * The most accounts one issue replaces: the largest region's schools (about 2,000 in Дагестан or
 * Москва) with room to spare, within a minute of hashing. The federal operator names a region.
 */
export const MAX_ACCOUNTS_PER_ISSUE = 5000;

export type { AccountSelection };

/**
 * 404 for anything the selection names outside the viewer's scope, as for a missing object:
 * an organization, a region, a municipality. Answers the selection with its ids made unique.
 */
async function checkSelection(db: Db, ctx: RequestContext, s: AccountSelection): Promise<AccountSelection> {
  const viewer = userOf(ctx);
  if (s.mode === 'organizations') {
    const ids = [...new Set(s.organizationIds)];
    const seen = await organizationsSeen(db, viewer, ids);
    if (seen.length < ids.length) throw Problem.notFound('Организация не найдена.');
    return { mode: 'organizations', organizationIds: ids };
  }
  if (s.regionCode && !(await getRegion(db, viewer, s.regionCode)))
    throw Problem.notFound('Регион не найден.');
  if (s.municipalityId && !(await getMunicipality(db, viewer, s.municipalityId)))
    throw Problem.notFound('Муниципалитет не найден.');
  return s;
}

function nothingToIssue(s: AccountSelection) {
  return Problem.badRequest(
    s.mode === 'organizations'
      ? 'У выбранных организаций нет действующих учётных записей.'
      : 'Все действующие учётные записи организаций уже входили в систему: выдавать пароли некому.',
  );
}

function tooMany(accounts: number) {
  return Problem.badRequest(
    `За один раз можно выдать не больше ${MAX_ACCOUNTS_PER_ISSUE} паролей, а выбрано ${accounts}. ` +
      'Выберите регион или муниципалитет.',
  );
}

/** How many passwords issuing would replace, and for how many organizations: the dry run. */
export async function countOneTimePasswords(db: Db, ctx: RequestContext, selection: AccountSelection) {
  const s = await checkSelection(db, ctx, selection);
  const counted = await countIssuable(db, userOf(ctx), s);
  return { ...counted, limit: MAX_ACCOUNTS_PER_ISSUE };
}

/**
 * Replaces the passwords of the selected accounts and answers the zip that carries the new ones.
 * `expectedAccounts` is the count the coordinator confirmed: if the selection has changed since,
 * nothing is replaced (409). The hashes are computed before any transaction opens (seconds to a
 * minute for thousands); then one short transaction stores them, signs the accounts out and
 * writes the audit entry, which counts the passwords and names none.
 */
export async function issueOneTimePasswords(
  db: Db,
  ctx: RequestContext,
  selection: AccountSelection & { expectedAccounts: number },
  portalUrl: string,
) {
  const viewer = userOf(ctx);
  const s = await checkSelection(db, ctx, selection);
  const accounts = await listIssuable(db, viewer, s);
  if (accounts.length === 0) throw nothingToIssue(s);
  if (accounts.length > MAX_ACCOUNTS_PER_ISSUE) throw tooMany(accounts.length);
  if (accounts.length !== selection.expectedAccounts) {
    throw Problem.conflict(
      `Число учётных записей изменилось: было ${selection.expectedAccounts}, теперь ${accounts.length}. ` +
        'Проверьте выбор и подтвердите ещё раз.',
      { accounts: accounts.length },
    );
  }
  const passwords = accounts.map(() => generateOneTimePassword());
  const hashes = await hashBounded(passwords);
  const issued = await inTransaction(db, async (tx) => {
    const stored = new Set(
      await storeOneTimeHashes(
        tx,
        accounts.map((a, i) => ({ userId: a.userId, hash: hashes[i] as string })),
        s.mode === 'neverSignedIn',
      ),
    );
    // Every one of them signed in meanwhile: nothing to hand out.
    if (stored.size === 0) throw nothingToIssue(s);
    const out: IssuedAccount[] = [];
    for (const [i, a] of accounts.entries()) {
      if (stored.has(a.userId)) out.push({ ...a, password: passwords[i] as string });
    }
    await deleteSessionsOf(tx, [...stored]);
    const organizations = new Set(out.map((a) => a.organizationId)).size;
    await audit(tx, ctx, {
      action: 'user.one_time_passwords_issued',
      details: {
        mode: s.mode,
        accounts: out.length,
        organizations,
        ...(s.mode === 'organizations'
          ? { organizationIds: s.organizationIds }
          : { regionCode: s.regionCode ?? null, municipalityId: s.municipalityId ?? null }),
      },
    });
    return out;
  });
  const issuedAt = new Date();
  const bytes = await accessZip(
    { accounts: issued, portalUrl, issuedAt, issuedBy: `${ROLE_LABELS[viewer.role]}, ${viewer.scopeName}` },
    'Пароли',
  );
  return { bytes, fileName: accessFileName(issuedAt, issued.length), accounts: issued.length };
}

/** «Пароли 2026-12-06 0930 (25).zip»: sortable, and says how many it holds. */
function accessFileName(at: Date, count: number) {
  const moscow = new Date(at.getTime() + 3 * 3_600_000).toISOString();
  return `Пароли ${moscow.slice(0, 10)} ${moscow.slice(11, 13)}${moscow.slice(14, 16)} (${count}).zip`;
}
