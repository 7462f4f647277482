// SQL for «Загрузить из Excel»: adding the characters a file stores to the user's write-limit window.
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';

/**
 * Adds `characters` to the user's current write-limit window (the one the request was just counted
 * in: auth/write-limit-queries.ts); answers the window's total and the seconds it has left, or
 * undefined when there is no current window.
 */
export async function addWriteCharacters(db: Db, userId: number, characters: number, windowMs: number) {
  const window = sql`make_interval(secs => ${windowMs / 1000}::float8)`;
  const { rows } = await sql<{ characters: number; secondsLeft: number }>`
    UPDATE write_rate_counters AS c SET characters = c.characters + ${characters}::bigint
     WHERE c.user_id = ${userId}::int AND c.window_started_at > now() - ${window}
    RETURNING c.characters, ceil(extract(epoch FROM c.window_started_at + ${window} - now()))::int AS "secondsLeft"`.execute(
    db,
  );
  return rows[0];
}
