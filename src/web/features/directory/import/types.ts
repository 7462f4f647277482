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
};

/** A 422 carries the report too (nothing applied because some rows were refused). */
export function isImportReport(body: unknown): body is ImportReport {
  return !!body && typeof body === 'object' && Array.isArray((body as ImportReport).refused);
}
