// The import's answer (docs/API.md, "Import").
export type ImportKind = 'organizations' | 'users';
export type ImportMode = 'all' | 'valid-only';

export type ImportReport = {
  applied: boolean;
  mode: ImportMode;
  total: number;
  created: number;
  updated: number;
  refused: { row: number; errors: { column: string; message: string }[] }[];
  credentials?: { login: string; oneTimePassword: string }[];
  /** With a 422, the server's summary of why nothing was applied. */
  detail?: string;
};

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
export function isImportReport(body: unknown): body is ImportReport {
  return !!body && typeof body === 'object' && Array.isArray((body as ImportReport).refused);
}
