// What a publication may be, shared by the editor in the browser and the server: the same
// limits and the same messages. The limits themselves live in publication-rules.ts, which the
// browser imports without the schema library.
import { z } from 'zod';
import { AUDIENCE_ROLES, BODY_MAX, TITLE_MAX } from './publication-rules.js';

export {
  ACCEPTED_EXTENSIONS,
  AUDIENCE_ROLES,
  BODY_MAX,
  formatFileSize,
  MAX_FILE_BYTES,
  TITLE_MAX,
} from './publication-rules.js';

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
