// The limits of a publication and the attachment rules (types, size) the upload form announces,
// without Zod: the «НИКО» page every school opens shows attachments and must stay light. The
// schemas built on these limits are in publications.ts.
export const TITLE_MAX = 300;
export const BODY_MAX = 100_000;
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const ACCEPTED_EXTENSIONS = [
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'odt',
  'ods',
  'zip',
  'txt',
  'csv',
  'png',
  'jpg',
] as const;

/** Roles a publication can be addressed to; the federal operator sees every publication anyway. */
export const AUDIENCE_ROLES = ['regional', 'municipal', 'organization'] as const;

/** «12 байт», «340 КБ», «4,2 МБ». */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} байт`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  const mb = bytes / 1024 / 1024;
  return `${(mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)).toString().replace('.', ',')} МБ`;
}
