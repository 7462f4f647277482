// Creating, editing and deactivating accounts, and password resets. New and reset accounts get a
// one-time password, returned once and never stored in clear, which must be changed at sign-in.
import { ROLE_SCOPE_FIELD, type Role } from '../../../shared/roles.js';
import { audit } from '../../audit/service.js';
import type { CurrentUser } from '../../auth/current-user.js';
import { generateOneTimePassword, hashPassword } from '../../auth/passwords.js';
import { mayResetPassword } from '../../auth/rows/users.js';
import { deleteUserSessions } from '../../auth/session-queries.js';
import type { Db } from '../../db/connection.js';
import type { Tx } from '../../db/transaction.js';
import { type RequestContext, userOf } from '../../http/context.js';
import type { PageWindow } from '../../http/paging.js';
import { type FieldError, Problem } from '../../http/problem.js';
import { getMunicipality, getRegion } from '../geography/queries.js';
import { getOrganization } from '../organizations/queries.js';
import { getUser, insertUser, listUsers, setPassword, type UserFilter, updateUser } from './queries.js';

export type NewUser = {
  login: string;
  role: Role;
  fullName: string;
  email: string;
  regionCode?: string;
  municipalityId?: number;
  organizationId?: number;
};

/** Exactly the scope field the role needs, pointing at something that exists. */
async function scopeFor(db: Db, ctx: RequestContext, u: NewUser) {
  const viewer = userOf(ctx);
  const errors: FieldError[] = [];
  for (const field of ['regionCode', 'municipalityId', 'organizationId'] as const) {
    const required = ROLE_SCOPE_FIELD[u.role] === field;
    if (required && u[field] === undefined)
      errors.push({ path: field, message: 'Обязательное поле для этой роли.' });
    if (!required && u[field] !== undefined)
      errors.push({ path: field, message: 'Для этой роли поле не заполняется.' });
  }
  if (errors.length) throw Problem.badRequest('Область доступа не соответствует роли.', errors);
  if (u.regionCode && !(await getRegion(db, viewer, u.regionCode)))
    throw Problem.badRequest('Регион не найден.', [{ path: 'regionCode', message: 'Регион не найден.' }]);
  if (u.municipalityId && !(await getMunicipality(db, viewer, u.municipalityId)))
    throw Problem.badRequest('Муниципалитет не найден.', [
      { path: 'municipalityId', message: 'Муниципалитет не найден.' },
    ]);
  if (u.organizationId && !(await getOrganization(db, viewer, u.organizationId)))
    throw Problem.badRequest('Организация не найдена.', [
      { path: 'organizationId', message: 'Организация не найдена.' },
    ]);
  return {
    region_code: u.regionCode ?? null,
    municipality_id: u.municipalityId ?? null,
    organization_id: u.organizationId ?? null,
  };
}

/** A user row as the viewer gets it: with whether the viewer may reset its password. */
function withAbilities<T extends { role: Role }>(viewer: CurrentUser, row: T) {
  return { ...row, canResetPassword: mayResetPassword(viewer, row) };
}

/** A page of the accounts the viewer sees. */
export async function usersPage(db: Db, ctx: RequestContext, filter: UserFilter, window: PageWindow) {
  const viewer = userOf(ctx);
  const r = await listUsers(db, viewer, filter, window);
  return { rows: r.rows.map((row) => withAbilities(viewer, row)), total: r.total };
}

/** One account the viewer sees, or 404. */
export async function userDetails(db: Db, ctx: RequestContext, id: number) {
  const viewer = userOf(ctx);
  const user = await getUser(db, viewer, id);
  if (!user) throw Problem.notFound('Пользователь не найден.');
  return withAbilities(viewer, user);
}

export async function createUser(tx: Tx, ctx: RequestContext, u: NewUser) {
  const scope = await scopeFor(tx, ctx, u);
  const oneTimePassword = generateOneTimePassword();
  const id = await insertUser(tx, {
    login: u.login,
    role: u.role,
    full_name: u.fullName,
    email: u.email,
    password_hash: await hashPassword(oneTimePassword),
    must_change_password: true,
    ...scope,
  });
  await audit(tx, ctx, { action: 'user.created', objectType: 'user', objectId: id, details: { ...u } });
  return { id, oneTimePassword };
}

export async function editUser(
  tx: Tx,
  ctx: RequestContext,
  id: number,
  patch: { fullName?: string; email?: string; isActive?: boolean },
) {
  const before = await getUser(tx, userOf(ctx), id);
  if (!before) throw Problem.notFound('Пользователь не найден.');
  if (patch.isActive === false && before.id === ctx.user?.id) {
    throw Problem.badRequest('Нельзя деактивировать собственную учётную запись.');
  }
  await updateUser(tx, id, { full_name: patch.fullName, email: patch.email, is_active: patch.isActive });
  const deactivated = patch.isActive === false && before.isActive;
  if (deactivated) await deleteUserSessions(tx, id);
  const action = deactivated
    ? 'user.deactivated'
    : patch.isActive === true && !before.isActive
      ? 'user.activated'
      : 'user.updated';
  await audit(tx, ctx, { action, objectType: 'user', objectId: id, details: { before, patch } });
}

export async function resetPassword(tx: Tx, ctx: RequestContext, id: number) {
  const viewer = userOf(ctx);
  const target = await getUser(tx, viewer, id);
  // A coordinator resets organizations' accounts only; any other account is "not found" to it.
  if (!target || !mayResetPassword(viewer, target)) throw Problem.notFound('Пользователь не найден.');
  const oneTimePassword = generateOneTimePassword();
  await setPassword(tx, id, await hashPassword(oneTimePassword), true);
  await deleteUserSessions(tx, id);
  await audit(tx, ctx, {
    action: 'user.password_reset',
    objectType: 'user',
    objectId: id,
    details: { login: target.login },
  });
  return { oneTimePassword };
}
