// SQL for the secrets the server generates for itself (server_secrets).
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';

/**
 * The secret stored under `name`, storing `candidate` first if there is none yet. Every process
 * calls this with its own random candidate; the first one stored wins and all get it back.
 */
export async function ensureServerSecret(db: Db, name: string, candidate: string): Promise<string> {
  const { rows } = await sql<{ value: string }>`
    INSERT INTO server_secrets (name, value) VALUES (${name}, ${candidate})
    ON CONFLICT (name) DO UPDATE SET name = excluded.name
    RETURNING value`.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`server secret ${name} was not stored`);
  return row.value;
}
