// The write limit (auth/write-limits.ts) for «Применить»: the limit's hook counts the request but
// cannot see a multipart body's values, so the characters the file is about to store are added here,
// to the same window the hook has just counted the request in, before anything is written.
import type { CurrentUser } from '../auth/current-user.js';
import { retryIn } from '../auth/write-limits.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { Problem } from '../http/problem.js';
import { addWriteCharacters } from './upload-queries.js';

export async function chargeCharacters(
  db: Db,
  user: CurrentUser,
  characters: number,
  limits: Config['writeLimits'],
) {
  if (characters === 0) return;
  const row = await addWriteCharacters(db, user.id, characters, limits.windowMs);
  if (!row || Number(row.characters) <= limits.characters) return;
  const seconds = Math.max(1, row.secondsLeft);
  throw Problem.tooManyRequests(
    `Слишком много изменений за короткое время. Повторите через ${retryIn(seconds)}.`,
    seconds,
  );
}
