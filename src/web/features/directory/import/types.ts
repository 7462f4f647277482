// How the import page names the report's columns. The report itself is typed by its response
// schema (src/shared/api/directory.ts).
import type { ImportRefusal, ImportReport, ImportSubject } from '../../../../shared/api/directory.js';

export type ImportKind = ImportSubject;

/** What the page shows: the report of an applied import, or of a refused one (with `detail`). */
export type ShownReport = ImportReport & { detail?: string };

/** The report names columns by their English key; the operator knows them by the template's headers. */
export const COLUMN_LABELS: Record<string, string> = {
  code: 'Код организации',
  short_name: 'Краткое наименование',
  full_name: 'Полное наименование',
  kind: 'Тип организации',
  region_code: 'Код региона',
  municipality_code: 'Код муниципалитета',
  organization_code: 'Код организации',
  is_active: 'Активность',
  login: 'Логин',
  role: 'Роль',
  email: 'Электронная почта',
};

export function columnLabel(kind: ImportKind, column: string): string {
  if (!column) return 'весь файл';
  // full_name is «ФИО» for users and «Полное наименование» for organizations.
  const label = kind === 'users' && column === 'full_name' ? 'ФИО' : COLUMN_LABELS[column];
  return label ? `${label} (${column})` : column;
}

/** A 422 carries the report too (nothing applied because some rows were refused). */
export function isImportReport(body: ImportRefusal | Record<string, unknown>): body is ShownReport {
  return Array.isArray(body.refused);
}
