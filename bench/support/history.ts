// A national year of history for the `history` benchmark, generated in SQL: the organizations of
// the registry (43,632, added to those already there), and earlier collections, each closed, with
// every organization taking part and its share of `rows` cell changes. Fast: each collection's
// changes go into a plain table in one INSERT … generate_series, without indexes, which is then
// attached as the collection's partition of cell_changes, so PostgreSQL builds each index once,
// sorted, and checks the foreign keys with one join, instead of row by row.
import type pg from 'pg';

export type HistoryOptions = { rows: number; collections: number; log: (line: string) => void };

/** A region-prefixed code range the benchmark's fixtures (planDirectory, from 0001) do not reach. */
const FIRST_CODE = 5000;

async function timed<T>(log: (line: string) => void, what: string, work: () => Promise<T>) {
  const t = performance.now();
  const result = await work();
  log(`${what.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
  return result;
}

/** Organizations up to the registry's size, each region's in proportion, in one municipality per region. */
async function registryOrganizations(c: pg.PoolClient) {
  await c.query(`
    INSERT INTO municipalities (code, region_code, name)
    SELECT code || '999', code, 'Муниципалитет истории' FROM regions
    ON CONFLICT (code) DO NOTHING`);
  const r = await c.query(`
    INSERT INTO organizations (code, short_name, full_name, kind, region_code, municipality_id)
    SELECT g.code || lpad((${FIRST_CODE} + k)::text, 4, '0'), 'Школа ' || k, 'Школа истории № ' || k, 'school', g.code, m.id
      FROM regions g
      JOIN municipalities m ON m.code = g.code || '999'
      CROSS JOIN LATERAL generate_series(1, greatest(g.registry_organizations - (
        SELECT count(*) FROM organizations o WHERE o.region_code = g.code), 0)) k`);
  return r.rowCount ?? 0;
}

/** A closed collection `ago` days back, three weeks long, every organization submitted. */
async function earlierCollection(c: pg.PoolClient, formVersionId: number, ago: number) {
  const { rows } = await c.query<{ id: number }>(
    `INSERT INTO collections (title, form_version_id, starts_at, ends_at)
     VALUES ($1, $2, now() - $3 * interval '1 day', now() - ($3 - 21) * interval '1 day') RETURNING id`,
    [`История ${ago} дней назад`, formVersionId, ago],
  );
  const id = rows[0]?.id as number;
  await c.query(
    `INSERT INTO responses (collection_id, organization_id, region_code, municipality_id, status, started_at,
                            first_submitted_at, last_submitted_at, submission_count, last_changed_at)
     SELECT $1, o.id, o.region_code, o.municipality_id, 'submitted', c.starts_at, c.ends_at, c.ends_at, 1, c.ends_at
       FROM organizations o, collections c WHERE c.id = $1`,
    [id],
  );
  return id;
}

/**
 * `perResponse` changes for every participant of collection `id`: cells of a 25 × 10 table, each
 * changed about once (a change of a cell every 250), old and new values, spread over the
 * collection's three weeks. Loaded into a plain table, then attached in place of the (empty)
 * partition the collection came with.
 */
async function changesOf(c: pg.PoolClient, id: number, perResponse: number) {
  const part = `cell_changes_c${id}`;
  await c.query(`DROP TABLE ${part}`);
  await c.query(`CREATE TABLE ${part} (LIKE cell_changes INCLUDING DEFAULTS)`);
  const r = await c.query(
    `INSERT INTO ${part} (collection_id, response_id, change_id, cell_key, old_value, new_value, version,
                         user_id, user_login, ip, at)
     SELECT $1, r.id, gen_random_uuid(), 'table.r' || (i % 25) || '.c' || (i / 25 % 10),
            CASE WHEN i >= 250 THEN ((i * 7919 + r.id) % 5000)::text END, ((i * 104729 + r.id) % 5000)::text,
            1 + i / 250, NULL, 'sch' || o.code, '10.0.' || (r.id % 250) || '.' || (i % 250),
            c.starts_at + (i::float8 / $2) * (c.ends_at - c.starts_at)
       FROM responses r
       JOIN organizations o ON o.id = r.organization_id
       JOIN collections c ON c.id = r.collection_id
      CROSS JOIN generate_series(0, $2 - 1) i
      WHERE r.collection_id = $1`,
    [id, perResponse],
  );
  await c.query(`ALTER TABLE cell_changes ATTACH PARTITION ${part} FOR VALUES IN (${id})`);
  // What cell_changes_add_partition gives a partition besides what attaching does.
  await c.query(`CREATE TRIGGER cell_changes_no_truncate BEFORE TRUNCATE ON ${part}
                 FOR EACH STATEMENT EXECUTE FUNCTION history_immutable('cell_changes')`);
  return r.rowCount ?? 0;
}

/** Loads the history; returns the rows of cell_changes it added. */
export async function loadHistory(pool: pg.Pool, opts: HistoryOptions): Promise<number> {
  const { log } = opts;
  const c = await pool.connect();
  try {
    // A bulk load: losing the last commits in a crash costs nothing here; the indexes are built
    // with more memory than the default 64 MB.
    await c.query(
      "SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET statement_timeout = 0; SET lock_timeout = 0",
    );
    const added = await timed(log, 'organizations up to the registry', () => registryOrganizations(c));
    const participants = Number(
      (await c.query<{ n: string }>('SELECT count(*) AS n FROM organizations')).rows[0]?.n,
    );
    log(`  ${added} organizations added, ${participants} in all`);
    const perResponse = Math.ceil(opts.rows / opts.collections / participants);
    // The earlier collections' form; nothing here reads its definition.
    const { rows } = await c.query<{ id: number }>(
      `WITH f AS (INSERT INTO forms (title) VALUES ('Форма прошлых сборов') RETURNING id)
       INSERT INTO form_versions (form_id, version, definition)
       SELECT id, 1, '{"title": "Форма прошлых сборов"}' FROM f RETURNING id`,
    );
    const formVersionId = rows[0]?.id as number;
    let total = 0;
    for (let k = 0; k < opts.collections; k++) {
      const ago = 60 * (opts.collections - k);
      const id = await earlierCollection(c, formVersionId, ago);
      total += await timed(log, `collection ${id}: ${participants} × ${perResponse} changes`, () =>
        changesOf(c, id, perResponse),
      );
    }
    await timed(log, 'VACUUM ANALYZE of the history', () =>
      c.query('VACUUM ANALYZE cell_changes, responses'),
    );
    // The load's dirty pages and WAL written back now, not by the checkpointer while measuring.
    await timed(log, 'CHECKPOINT', () => c.query('CHECKPOINT')).catch((err) =>
      log(`  (no CHECKPOINT: ${String(err)})`),
    );
    return total;
  } finally {
    c.release();
  }
}
