// Session-level advisory locks: held by one connection until released or until the connection
// ends, so a process that dies lets go of its lock.
import { sql } from 'kysely';
import type { Db } from './connection.js';

/** Takes the lock if no other session holds it; answers whether it was taken. */
export async function tryAdvisoryLock(conn: Db, key: number): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${key}) AS locked`.execute(
    conn,
  );
  return rows[0]?.locked === true;
}

export async function advisoryUnlock(conn: Db, key: number): Promise<void> {
  await sql`SELECT pg_advisory_unlock(${key})`.execute(conn);
}
