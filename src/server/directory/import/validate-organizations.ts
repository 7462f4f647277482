// Checks an organizations file row by row. Each row is first checked on its own, then against
// the rest of the file (repeated codes) and the database (regions, municipalities, existing
// organizations and logins), which is read in bulk, a few queries for the whole file.
import type { Db } from '../../db/connection.js';
import type { Cells } from './columns.js';
import {
  municipalitiesByCode,
  type OrganizationWrite,
  organizationIdsByCode,
  regionCodes,
  usersByLogin,
} from './queries.js';
import { type RefusedRow, RowErrors } from './report.js';
import { digitCode, findDuplicates, maxLength, organizationKind, required, yesNo } from './values.js';

export type OrganizationRow = OrganizationWrite & { row: number; exists: boolean };
export type Validated<T> = { valid: T[]; refused: RefusedRow[] };

/** The login of the account every new organization gets. */
export const organizationLogin = (code: string) => `sch${code}`;

function readRow(cells: Cells) {
  const errors = new RowErrors();
  const code = digitCode(errors, 'code', required(cells, errors, 'code'), 6, 'Код организации');
  const shortName = required(cells, errors, 'short_name');
  maxLength(errors, 'short_name', shortName, 300, 'Краткое наименование');
  const fullName = required(cells, errors, 'full_name');
  maxLength(errors, 'full_name', fullName, 1000, 'Полное наименование');
  const kind = organizationKind(errors, 'kind', required(cells, errors, 'kind'));
  const regionCode = digitCode(
    errors,
    'region_code',
    required(cells, errors, 'region_code'),
    2,
    'Код региона',
  );
  const municipalityCode = digitCode(
    errors,
    'municipality_code',
    required(cells, errors, 'municipality_code'),
    5,
    'Код муниципалитета',
  );
  const isActive = yesNo(cells, errors, 'is_active');
  return { row: cells.row, errors, code, shortName, fullName, kind, regionCode, municipalityCode, isActive };
}

export async function validateOrganizations(db: Db, records: Cells[]): Promise<Validated<OrganizationRow>> {
  const rows = records.map(readRow);
  const repeated = findDuplicates(rows.map((r) => ({ row: r.row, key: r.code })));
  const codes = [...new Set(rows.flatMap((r) => (r.code ? [r.code] : [])))];
  const [regions, municipalities, existing] = await Promise.all([
    regionCodes(db),
    municipalitiesByCode(db, [
      ...new Set(rows.flatMap((r) => (r.municipalityCode ? [r.municipalityCode] : []))),
    ]),
    organizationIdsByCode(db, codes),
  ]);
  // A new organization's account must not collide with someone else's login.
  const takenLogins = await usersByLogin(db, codes.filter((c) => !existing.has(c)).map(organizationLogin));

  const valid: OrganizationRow[] = [];
  const refused: RefusedRow[] = [];
  for (const r of rows) {
    const { errors, code, regionCode, municipalityCode } = r;
    const other = repeated.get(r.row);
    if (code && other) errors.add('code', `Код ${code} повторяется в файле (строка ${other})`);
    const regionKnown = regionCode !== undefined && regions.has(regionCode);
    if (regionCode && !regionKnown) errors.add('region_code', `Не найден регион с кодом ${regionCode}`);
    if (code && regionCode && !code.startsWith(regionCode))
      errors.add('code', `Код организации ${code} должен начинаться с кода региона ${regionCode}`);
    const municipality = municipalityCode ? municipalities.get(municipalityCode) : undefined;
    if (municipalityCode && !municipality)
      errors.add('municipality_code', `Не найден муниципалитет с кодом ${municipalityCode}`);
    if (municipality && regionKnown && municipality.regionCode !== regionCode)
      errors.add(
        'municipality_code',
        `Муниципалитет ${municipalityCode} не относится к региону ${regionCode}`,
      );
    const exists = code !== undefined && existing.has(code);
    if (code && !exists && takenLogins.has(organizationLogin(code)))
      errors.add('code', `Логин ${organizationLogin(code)} для учётной записи новой организации уже занят`);

    if (!errors.ok) {
      refused.push({ row: r.row, errors: errors.errors });
      continue;
    }
    valid.push({
      row: r.row,
      exists,
      code: code as string,
      shortName: r.shortName as string,
      fullName: r.fullName as string,
      kind: r.kind as OrganizationRow['kind'],
      regionCode: regionCode as string,
      municipalityId: (municipality as { id: number }).id,
      isActive: r.isActive,
    });
  }
  return { valid, refused };
}
