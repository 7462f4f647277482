// Whether the database refuses writes: a standby, or a demoted primary after a failover, answers
// reads and refuses every write.
import { sql } from 'kysely';
import type { Db } from './connection.js';

export async function isReadOnly(db: Db): Promise<boolean> {
  const { rows } = await sql<{ ro: string }>`SELECT current_setting('transaction_read_only') AS ro`.execute(
    db,
  );
  return rows[0]?.ro === 'on';
}
