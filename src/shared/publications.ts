// What a publication may be, shared by the editor in the browser and the server: the same
// limits, the same messages, and the attachment rules (types, size) the upload form announces.
import { z } from 'zod';

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

export const PublicationFields = {
  title: z
    .string()
    .trim()
    .min(1, 'Введите название публикации.')
    .max(TITLE_MAX, `Название — не больше ${TITLE_MAX} символов.`),
  bodyMarkdown: z.string().max(BODY_MAX, 'Текст публикации — не больше 100 000 символов.'),
  audienceRoles: z.array(z.enum(AUDIENCE_ROLES)).max(AUDIENCE_ROLES.length),
  audienceRegions: z
    .array(z.string().regex(/^[0-9]{2}$/, 'Код региона — две цифры.'))
    .max(100, 'Слишком много регионов.'),
  /** ISO 8601 with an offset; null publishes at once. */
  publishAt: z.iso
    .datetime({ offset: true, message: 'Время публикации: дата и время в формате ISO 8601.' })
    .nullable(),
};

export const PublicationCreate = z.strictObject({
  ...PublicationFields,
  bodyMarkdown: PublicationFields.bodyMarkdown.default(''),
  audienceRoles: PublicationFields.audienceRoles.default([]),
  audienceRegions: PublicationFields.audienceRegions.default([]),
  publishAt: PublicationFields.publishAt.optional(),
});

export const PublicationPatch = z.strictObject(PublicationFields).partial();

/** «12 байт», «340 КБ», «4,2 МБ». */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} байт`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  const mb = bytes / 1024 / 1024;
  return `${(mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)).toString().replace('.', ',')} МБ`;
}
