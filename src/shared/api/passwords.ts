// «Выдать пароли»: one-time passwords for organizations' accounts (src/server/directory/passwords).
import { z } from 'zod';
import { binaryFile, responses, type Wire } from './common.js';

/** POST /api/one-time-passwords/count: what the confirmation says before anything is replaced. */
export const OneTimePasswordCount = z.object({
  /** Passwords issuing would replace. */
  accounts: z.number(),
  organizations: z.number(),
  /** The most one issue replaces; more is refused with 400. */
  limit: z.number(),
});
export type OneTimePasswordCount = Wire<typeof OneTimePasswordCount>;

export const passwordResponses = {
  count: responses({ 200: OneTimePasswordCount }),
  /** POST /api/one-time-passwords: a zip of Пароли.xlsx and Пароли.pdf, sent once. */
  issue: responses({ 200: binaryFile('application/zip') }),
};
