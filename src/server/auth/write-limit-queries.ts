// SQL for the write limit: one counter row per user, counted and read back in one statement, so
// that parallel requests on any number of processes each see the count including themselves.
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';

export type WriteCount = { requests: number; characters: number; secondsLeft: number };

/**
 * Counts one write of `characters` into the user's window, which starts with the first write after
 * the previous window ended (so a burst never straddles two windows' worth of allowance).
 */
export async function countWrite(db: Db, userId: number, characters: number, windowMs: number) {
  const window = sql`make_interval(secs => ${windowMs / 1000}::float8)`;
  const inWindow = sql`c.window_started_at > now() - ${window}`;
  const { rows } = await sql<WriteCount>`
    INSERT INTO write_rate_counters AS c (user_id, window_started_at, requests, characters)
    VALUES (${userId}::int, now(), 1, ${characters}::bigint)
    ON CONFLICT (user_id) DO UPDATE SET
      window_started_at = CASE WHEN ${inWindow} THEN c.window_started_at ELSE now() END,
      requests = CASE WHEN ${inWindow} THEN c.requests + 1 ELSE 1 END,
      characters = CASE WHEN ${inWindow} THEN c.characters + excluded.characters ELSE excluded.characters END
    RETURNING requests, characters,
      ceil(extract(epoch FROM c.window_started_at + ${window} - now()))::int AS "secondsLeft"`.execute(db);
  return rows[0] as WriteCount;
}
