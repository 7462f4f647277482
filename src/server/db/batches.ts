// Deleting a backlog in bounded batches: each batch is one statement, so its own short
// transaction, and a backlog of millions never becomes one long transaction holding its locks
// and its dead rows until the end.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from './connection.js';
import type { Database } from './schema.js';

/**
 * Deletes at most `limit` rows of `table` that `due` selects; returns how many it deleted.
 * The rows are picked by ctid (a TID scan, whatever the table's key) and `due` is checked again
 * as they are deleted, so a row that a concurrent statement has just made not due (a session
 * extended, a window started again) stays.
 */
export async function deleteDueBatch(
  db: Db,
  table: keyof Database & string,
  due: RawBuilder<boolean>,
  limit: number,
): Promise<number> {
  const t = sql.table(table);
  const r = await sql`
    DELETE FROM ${t} WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${t} WHERE ${due} LIMIT ${limit})) AND ${due}`.execute(
    db,
  );
  return Number(r.numAffectedRows ?? 0);
}
