// Checks a users file row by row: each row on its own (login, role, exactly the scope column the
// role needs), then against the rest of the file (repeated logins) and the database, read in bulk.
// An existing login may change its name, e-mail and active flag, never its role or scope: moving
// an account to another region is a decision to take one account at a time, not in a batch.
import { ROLE_LABELS, type Role } from '../../../shared/roles.js';
import type { Db } from '../../db/connection.js';
import type { Cells } from './columns.js';
import {
  type KnownUser,
  municipalitiesByCode,
  organizationIdsByCode,
  regionCodes,
  usersByLogin,
} from './queries.js';
import { type RefusedRow, RowErrors } from './report.js';
import type { Validated } from './validate-organizations.js';
import { digitCode, email, findDuplicates, maxLength, required, role, yesNo } from './values.js';

export type UserRow = {
  row: number;
  login: string;
  role: Role;
  fullName: string;
  /** undefined when the file has no e-mail column: leave it as it is. */
  email: string | undefined;
  isActive: boolean | undefined;
  existingId: number | undefined;
  regionCode: string | null;
  municipalityId: number | null;
  organizationId: number | null;
};

const LOGIN = /^[a-z0-9_.-]{2,64}$/;

type ScopeKey = 'region_code' | 'municipality_code' | 'organization_code';
const SCOPE: Record<ScopeKey, { role: Role; digits: number; what: string }> = {
  region_code: { role: 'regional', digits: 2, what: 'Код региона' },
  municipality_code: { role: 'municipal', digits: 5, what: 'Код муниципалитета' },
  organization_code: { role: 'organization', digits: 6, what: 'Код организации' },
};

function readRow(cells: Cells) {
  const errors = new RowErrors();
  let login = required(cells, errors, 'login')?.toLowerCase();
  if (login !== undefined && !LOGIN.test(login)) {
    errors.add(
      'login',
      `Логин «${login}» не подходит: от 2 до 64 знаков, только строчные латинские буквы, цифры и знаки _ . -`,
    );
    login = undefined;
  }
  const userRole = role(errors, 'role', required(cells, errors, 'role'));
  const fullName = required(cells, errors, 'full_name');
  maxLength(errors, 'full_name', fullName, 300, 'ФИО');
  const mail = email(errors, 'email', cells.get('email'));
  const isActive = yesNo(cells, errors, 'is_active');
  // Exactly the scope column the role needs is filled (users_scope_matches_role in the schema).
  const scope: Partial<Record<ScopeKey, string>> = {};
  for (const [key, spec] of Object.entries(SCOPE) as [ScopeKey, (typeof SCOPE)[ScopeKey]][]) {
    const value = cells.get(key) ?? '';
    if (!userRole) continue;
    const label = ROLE_LABELS[userRole];
    if (spec.role === userRole && value === '')
      errors.add(key, `Для роли «${label}» заполните столбец «${key}»`);
    else if (spec.role !== userRole && value !== '')
      errors.add(key, `Для роли «${label}» столбец «${key}» должен быть пустым`);
    else if (value !== '') scope[key] = digitCode(errors, key, value, spec.digits, spec.what);
  }
  return { row: cells.row, errors, login, role: userRole, fullName, email: mail, isActive, scope };
}

function describeScope(
  role: Role,
  s: { region?: string | null; municipality?: string | null; org?: string | null },
) {
  if (role === 'regional') return `регион ${s.region}`;
  if (role === 'municipal') return `муниципалитет ${s.municipality}`;
  if (role === 'organization') return `организация ${s.org}`;
  return 'вся страна';
}

function sameScope(user: KnownUser, scope: Partial<Record<ScopeKey, string>>) {
  return (
    (user.regionCode ?? undefined) === scope.region_code &&
    (user.municipalityCode ?? undefined) === scope.municipality_code &&
    (user.organizationCode ?? undefined) === scope.organization_code
  );
}

const present = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];

export async function validateUsers(
  db: Db,
  records: Cells[],
  actorLogin: string,
): Promise<Validated<UserRow>> {
  const rows = records.map(readRow);
  const repeated = findDuplicates(rows.map((r) => ({ row: r.row, key: r.login })));
  const [regions, municipalities, organizations, existing] = await Promise.all([
    regionCodes(db),
    municipalitiesByCode(db, present(rows.map((r) => r.scope.municipality_code))),
    organizationIdsByCode(db, present(rows.map((r) => r.scope.organization_code))),
    usersByLogin(db, present(rows.map((r) => r.login))),
  ]);

  const valid: UserRow[] = [];
  const refused: RefusedRow[] = [];
  for (const r of rows) {
    const { errors, login, scope } = r;
    const other = repeated.get(r.row);
    if (login && other) errors.add('login', `Логин ${login} повторяется в файле (строка ${other})`);
    const { region_code: region, municipality_code: mun, organization_code: org } = scope;
    if (region && !regions.has(region)) errors.add('region_code', `Не найден регион с кодом ${region}`);
    const municipality = mun ? municipalities.get(mun) : undefined;
    if (mun && !municipality) errors.add('municipality_code', `Не найден муниципалитет с кодом ${mun}`);
    const organizationId = org ? organizations.get(org) : undefined;
    if (org && organizationId === undefined)
      errors.add('organization_code', `Не найдена организация с кодом ${org}`);
    const before = login ? existing.get(login) : undefined;
    if (before && r.role && before.role !== r.role) {
      errors.add(
        'role',
        `Роль пользователя ${login} нельзя изменить импортом: сейчас «${ROLE_LABELS[before.role]}», в файле «${ROLE_LABELS[r.role]}»`,
      );
    } else if (before && r.role && !sameScope(before, scope)) {
      const now = describeScope(before.role, {
        region: before.regionCode,
        municipality: before.municipalityCode,
        org: before.organizationCode,
      });
      const wanted = describeScope(r.role, { region, municipality: mun, org });
      errors.add(
        'role',
        `Область доступа пользователя ${login} нельзя изменить импортом: сейчас ${now}, в файле ${wanted}`,
      );
    }
    if (login === actorLogin && r.isActive === false)
      errors.add('is_active', 'Нельзя деактивировать собственную учётную запись');

    if (!errors.ok) {
      refused.push({ row: r.row, errors: errors.errors });
      continue;
    }
    valid.push({
      row: r.row,
      login: login as string,
      role: r.role as Role,
      fullName: r.fullName as string,
      email: r.email,
      isActive: r.isActive,
      existingId: before?.id,
      regionCode: region ?? null,
      municipalityId: municipality?.id ?? null,
      organizationId: organizationId ?? null,
    });
  }
  return { valid, refused };
}
