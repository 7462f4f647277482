// A fingerprint of what the database holds, to show that a refused request changed nothing.
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/connection.js';

// Every table a request could write to. Sessions are left out: reading slides their expiry.
const TABLES = [
  'regions',
  'municipalities',
  'organizations',
  'users',
  'audit_log',
  'publications',
  'publication_files',
  'forms',
  'form_versions',
  'collections',
  'responses',
  'response_cells',
  'cell_changes',
  'submissions',
  'export_jobs',
] as const;

/** Table → md5 of all its rows. */
export async function databaseDigest(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ digest: string }>`
      SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${sql.table(table)} t`.execute(
      db,
    );
    out[table] = rows[0]?.digest ?? '';
  }
  return out;
}
