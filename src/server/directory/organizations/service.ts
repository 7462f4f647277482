// Creating, editing and deactivating organizations (federal operator). Each change is audited
// with the values before and after, in the same transaction.
import { audit } from '../../audit/service.js';
import { generateOneTimePassword, hashPassword } from '../../auth/passwords.js';
import type { Db } from '../../db/connection.js';
import type { OrganizationKind } from '../../db/schema.js';
import type { Tx } from '../../db/transaction.js';
import { type RequestContext, userOf } from '../../http/context.js';
import type { PageWindow } from '../../http/paging.js';
import { Problem } from '../../http/problem.js';
import { getMunicipality } from '../geography/queries.js';
import { insertUser } from '../users/queries.js';
import { usersPage } from '../users/service.js';
import {
  deleteOrganizationSessions,
  getOrganization,
  insertOrganization,
  listOrganizations,
  type OrganizationFilter,
  updateOrganization,
} from './queries.js';

export async function organizationDetails(db: Db, ctx: RequestContext, id: number) {
  const viewer = userOf(ctx);
  const org = await getOrganization(db, viewer, id);
  if (!org) throw Problem.notFound('Организация не найдена.');
  const users = await usersPage(db, ctx, { organizationId: id }, { limit: 100, offset: 0 });
  return { ...org, users: users.rows };
}

/** A page of the organizations the viewer sees. */
export function organizationsPage(
  db: Db,
  ctx: RequestContext,
  filter: OrganizationFilter,
  window: PageWindow,
) {
  return listOrganizations(db, userOf(ctx), filter, window);
}

async function municipalityForWrite(db: Db, ctx: RequestContext, municipalityId: number) {
  const m = await getMunicipality(db, userOf(ctx), municipalityId);
  if (!m) {
    throw Problem.unprocessable('Муниципалитет не найден.', {
      errors: [{ path: 'municipalityId', message: 'Муниципалитет не найден.' }],
    });
  }
  return m;
}

export async function createOrganization(
  tx: Tx,
  ctx: RequestContext,
  input: {
    code: string;
    shortName: string;
    fullName: string;
    kind: OrganizationKind;
    municipalityId: number;
  },
) {
  const m = await municipalityForWrite(tx, ctx, input.municipalityId);
  if (!input.code.startsWith(m.regionCode)) {
    const message = `Код организации должен начинаться с кода региона ${m.regionCode}.`;
    throw Problem.badRequest(message, [{ path: 'code', message }]);
  }
  const id = await insertOrganization(tx, { ...input, regionCode: m.regionCode });
  // Every organization signs in as sch<code>, as the import does; the password is shown once.
  const account = { login: `sch${input.code}`, oneTimePassword: generateOneTimePassword() };
  const userId = await insertUser(tx, {
    login: account.login,
    role: 'organization',
    organization_id: id,
    region_code: null,
    municipality_id: null,
    password_hash: await hashPassword(account.oneTimePassword),
    must_change_password: true,
  });
  await audit(tx, ctx, [
    { action: 'organization.created', objectType: 'organization', objectId: id, details: { ...input } },
    {
      action: 'user.created',
      objectType: 'user',
      objectId: userId,
      details: { login: account.login, role: 'organization' },
    },
  ]);
  return { id, account };
}

export async function editOrganization(
  tx: Tx,
  ctx: RequestContext,
  id: number,
  patch: {
    shortName?: string;
    fullName?: string;
    kind?: OrganizationKind;
    municipalityId?: number;
    isActive?: boolean;
  },
) {
  const before = await getOrganization(tx, userOf(ctx), id);
  if (!before) throw Problem.notFound('Организация не найдена.');
  let regionCode: string | undefined;
  if (patch.municipalityId !== undefined && patch.municipalityId !== before.municipalityId) {
    const m = await municipalityForWrite(tx, ctx, patch.municipalityId);
    // An organization's code carries its region, so it may move only within the region.
    if (m.regionCode !== before.regionCode) {
      const message = 'Организацию можно перевести только в муниципалитет того же региона.';
      throw Problem.badRequest(message, [{ path: 'municipalityId', message }]);
    }
    regionCode = m.regionCode;
  }
  await updateOrganization(tx, id, {
    short_name: patch.shortName,
    full_name: patch.fullName,
    kind: patch.kind,
    municipality_id: patch.municipalityId,
    region_code: regionCode,
    is_active: patch.isActive,
  });
  if (patch.isActive === false && before.isActive) await deleteOrganizationSessions(tx, id);
  const action =
    patch.isActive === false && before.isActive
      ? 'organization.deactivated'
      : patch.isActive === true && !before.isActive
        ? 'organization.activated'
        : 'organization.updated';
  await audit(tx, ctx, { action, objectType: 'organization', objectId: id, details: { before, patch } });
}
