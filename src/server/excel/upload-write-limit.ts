// The write limit (auth/write-limits.ts) for «Применить»: the limit's hook counts the request but
// cannot see a multipart body's values, so the characters the file is about to store are added here,
// to the same window the hook has just counted the request in, before anything is written.
import { sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { retryIn } from '../auth/write-limits.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { Problem } from '../http/problem.js';

export async function chargeCharacters(
  db: Db,
  user: CurrentUser,
  characters: number,
  limits: Config['writeLimits'],
) {
  if (characters === 0) return;
  const window = sql`make_interval(secs => ${limits.windowMs / 1000}::float8)`;
  const { rows } = await sql<{ characters: number; secondsLeft: number }>`
    UPDATE write_rate_counters AS c SET characters = c.characters + ${characters}::bigint
     WHERE c.user_id = ${user.id}::int AND c.window_started_at > now() - ${window}
    RETURNING c.characters, ceil(extract(epoch FROM c.window_started_at + ${window} - now()))::int AS "secondsLeft"`.execute(
    db,
  );
  const row = rows[0];
  if (!row || Number(row.characters) <= limits.characters) return;
  const seconds = Math.max(1, row.secondsLeft);
  throw Problem.tooManyRequests(
    `Слишком много изменений за короткое время. Повторите через ${retryIn(seconds)}.`,
    seconds,
  );
}
