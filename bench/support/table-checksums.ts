// Every table's row count and a checksum of its contents, to compare two databases (a backup and
// its restore): md5 over the md5 of each row's text, in primary-key order. Partitioned tables are
// read through their parent (every partition's rows), sequences by their last value.
import pg from 'pg';

export type TableSum = { rows: number; md5: string };

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function tableChecksums(url: string): Promise<Map<string, TableSum>> {
  return withClient(url, async (c) => {
    const tables = await c.query<{ name: string; pk: string[] | null }>(
      `SELECT c.relname AS name,
              (SELECT array_agg(a.attname::text ORDER BY k.n)
                 FROM pg_index i
                 CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
         FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY c.relname`,
    );
    const out = new Map<string, TableSum>();
    for (const t of tables.rows) {
      const order = t.pk?.length ? t.pk.map(quote).join(', ') : 't::text';
      const { rows } = await c.query<{ n: number; md5: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(md5(t::text), '' ORDER BY ${order}), '')) AS md5
           FROM ${quote(t.name)} t`,
      );
      out.set(t.name, { rows: rows[0]!.n, md5: rows[0]!.md5 });
    }
    const seqs = await c.query<{ name: string; last: number | null }>(
      `SELECT sequencename AS name, last_value AS last FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    );
    for (const s of seqs.rows) out.set(`sequence ${s.name}`, { rows: 0, md5: String(s.last) });
    return out;
  });
}

/** The tables (and sequences) whose count or checksum differ, or that only one side has. */
export function compareChecksums(a: Map<string, TableSum>, b: Map<string, TableSum>) {
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names
    .filter((n) => a.get(n)?.rows !== b.get(n)?.rows || a.get(n)?.md5 !== b.get(n)?.md5)
    .map((n) => ({ table: n, source: a.get(n) ?? null, restored: b.get(n) ?? null }));
}
