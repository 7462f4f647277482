// Wordings shared by the Zod messages (zod-russian.ts) and the cell checks (forms/cells.ts), kept
// apart from Zod so that the browser's data-entry pages do not load the schema library for them.
import { type PluralForms, pluralWord } from './plural.js';

// After «не больше N» the noun is genitive: 1 символа, 2 символов, 5 символов.
export const CHARACTERS: PluralForms = ['символа', 'символов', 'символов'];

/** «Не больше 300 символов.»: the one wording for a text too long, in forms and in the API. */
export function tooLongMessage(max: number): string {
  return `Не больше ${max} ${pluralWord(max, CHARACTERS)}.`;
}
