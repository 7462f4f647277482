// The national benchmark dataset: the whole directory at registry size (43,632 organizations in
// 89 regions, planDirectory at scale 1), one open collection of a 250-cell form with every
// organization taking part, a third of them «Не приступило», a third «В работе» (part of the form
// filled) and a third «Сдано» (every cell filled and a snapshot in `submissions`; one in ten of
// those submitted twice, one in ten changed something since). Deterministic: the same data
// every time, dates relative to now.
//
//   DATABASE_URL=postgres://…/somedb npx tsx scripts/load-national.ts
//
// migrates the database named by DATABASE_URL (it must hold no organizations yet) and loads it.
// bench/monitoring.ts and bench/export.ts import loadNational() and call it on a fresh database.
// Everything big is generated inside PostgreSQL (INSERT … SELECT over generate_series,
// jsonb_object_agg for the snapshots); the directory goes in as arrays through unnest().
// Accounts (one shared argon2 hash, as the demo does): `admin` (federal), `reg<code>` for every
// region, `mun<code>` for every municipality, `sch<code>` for every organization.
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { GRID_COLUMNS, GRID_ROWS, gridColumns, gridRows } from '../bench/support/grid-form.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { migrate } from '../src/server/db/migrate.js';
import { planDirectory } from '../src/server/demo/directory-plan.js';
import { personName } from '../src/server/demo/names.js';
import { checkDefinition } from '../src/shared/forms/check-definition.js';
import type { FormDefinitionInput } from '../src/shared/forms/definition.js';
import { inputCellMap } from '../src/shared/forms/layout.js';

export const NATIONAL_PASSWORD = 'national-bench-1';
export const NATIONAL_ORGANIZATIONS = 43_632;

/**
 * 25 rows × 10 integer columns typed in (250 input cells), a «Всего» column summing each row and
 * an «Итого» row summing each column (36 computed cells): 286 cells in an export row.
 */
export const NATIONAL_FORM: FormDefinitionInput = {
  title: 'Бенчмарк: национальная форма на 250 ячеек',
  tables: [
    {
      key: 'grid',
      title: 'Показатели',
      columns: [
        ...gridColumns((c) => `Графа ${c + 1}`),
        {
          key: 'total',
          header: 'Всего',
          type: 'integer' as const,
          sumOf: Array.from({ length: GRID_COLUMNS }, (_, c) => `c${c + 1}`),
        },
      ],
      rows: {
        kind: 'fixed',
        items: [
          ...gridRows(),
          { key: 'total', label: 'Итого', sumOf: Array.from({ length: GRID_ROWS }, (_, r) => `r${r + 1}`) },
        ],
      },
    },
  ],
};

export type NationalDataset = {
  collectionId: number;
  formVersionId: number;
  organizations: number;
  municipalities: number;
  users: number;
  counts: { notStarted: number; inProgress: number; submitted: number; cells: number; submissions: number };
  /** The region with the most organizations (Дагестан, 1,497) and its coordinator. */
  largestRegion: { code: string; name: string; organizations: number };
  logins: { federal: string; regional: string; municipal: string };
  password: string;
  /** Seconds each step took, and `total`. */
  seconds: Record<string, number>;
};

export type LoadOptions = { log?: (line: string) => void; now?: Date };

const DAY = 86_400_000;

/** The first row a query returns; there must be one. */
async function one<T extends pg.QueryResultRow>(
  c: pg.Pool | pg.PoolClient,
  text: string,
  values: unknown[] = [],
): Promise<T> {
  const row = (await c.query<T>(text, values)).rows[0];
  if (!row) throw new Error(`no row from: ${text.trim().slice(0, 80)}`);
  return row;
}
/** A cell's key and its value for response r.id, row i, column j: the cells and the snapshots share them. */
const CELL_KEY = `'grid.r' || i || '.c' || j`;
const CELL_VALUE = `((r.id * 37 + i * 11 + j * 7) % 90 + 5)::text`;
/** Responses per INSERT of cells: about 1.2 million cell rows a statement. */
const CELL_CHUNK = 6000;

/** Migrates the database behind `pool` and loads the national dataset into it. */
export async function loadNational(pool: pg.Pool, opts: LoadOptions = {}): Promise<NationalDataset> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const seconds: Record<string, number> = {};
  const t0 = performance.now();
  let last = t0;
  const step = (name: string, detail: string) => {
    const t = performance.now();
    seconds[name] = Math.round((t - last) / 100) / 10;
    last = t;
    log(`${name.padEnd(14)} ${seconds[name]?.toFixed(1).padStart(6)} s  ${detail}`);
  };

  await migrate(pool);
  const c = await pool.connect();
  try {
    // A bulk load: losing the last commits in a crash costs nothing here.
    await c.query('SET synchronous_commit = off');
    await c.query("SET maintenance_work_mem = '256MB'");
    const existing = await c.query('SELECT 1 FROM organizations LIMIT 1');
    if (existing.rowCount) throw new Error('the database already has organizations; load into an empty one');
    step('migrate', 'schema up to date');

    // The directory: the plan the demo uses, at the registry's own size.
    const regions = (
      await c.query<{ code: string; name: string; registryOrganizations: number }>(
        `SELECT code, name, registry_organizations AS "registryOrganizations" FROM regions ORDER BY code`,
      )
    ).rows;
    const plan = planDirectory(regions, { scale: 1, minPerRegion: 1 });
    const registry = regions.reduce((a, r) => a + r.registryOrganizations, 0);
    if (plan.organizations.length !== registry)
      throw new Error(`planned ${plan.organizations.length} organizations, the registry has ${registry}`);
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO municipalities (code, region_code, name)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [
        plan.municipalities.map((m) => m.code),
        plan.municipalities.map((m) => m.regionCode),
        plan.municipalities.map((m) => m.name),
      ],
    );
    for (let i = 0; i < plan.organizations.length; i += 10_000) {
      const b = plan.organizations.slice(i, i + 10_000);
      await c.query(
        `INSERT INTO organizations (code, short_name, full_name, kind, region_code, municipality_id)
         SELECT o.code, o.short_name, o.full_name, o.kind, o.region_code, m.id
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                  AS o (code, short_name, full_name, kind, region_code, municipality_code)
           JOIN municipalities m ON m.code = o.municipality_code
          ORDER BY o.code`,
        [
          b.map((o) => o.code),
          b.map((o) => o.shortName),
          b.map((o) => o.fullName),
          b.map((o) => o.kind),
          b.map((o) => o.regionCode),
          b.map((o) => o.municipalityCode),
        ],
      );
    }
    await c.query('COMMIT');
    step(
      'directory',
      `${plan.municipalities.length} municipalities, ${plan.organizations.length} organizations`,
    );

    // Accounts, one argon2 hash shared by all: hashing 46,000 times would take hours.
    const hash = await hashPassword(NATIONAL_PASSWORD);
    const names = Array.from({ length: 500 }, (_, i) => personName(i));
    const users = await c.query(
      `INSERT INTO users (login, password_hash, role, region_code, municipality_id, organization_id, full_name, email)
       SELECT 'admin', $1, 'federal', NULL::text, NULL::int, NULL::int, 'Оператор ФИС ОКО', 'admin@niko.example'
       UNION ALL
       SELECT 'reg' || code, $1, 'regional', code, NULL, NULL, ($2::text[])[1 + code::int % 500], 'reg' || code || '@niko.example'
         FROM regions
       UNION ALL
       SELECT 'mun' || code, $1, 'municipal', NULL, id, NULL, ($2::text[])[1 + (id + 100) % 500], 'mun' || code || '@niko.example'
         FROM municipalities
       UNION ALL
       SELECT 'sch' || code, $1, 'organization', NULL, NULL, id, ($2::text[])[1 + (id + 1000) % 500], 'sch' || code || '@niko.example'
         FROM organizations`,
      [hash, names],
    );
    step('users', `${users.rowCount} accounts (admin, reg<code>, mun<code>, sch<code>)`);

    // The form, its version and the open collection: started two weeks ago, ends in a week.
    const verdict = checkDefinition(NATIONAL_FORM);
    if (!verdict.ok) throw new Error(`the national form is invalid: ${JSON.stringify(verdict.errors)}`);
    const inputs = inputCellMap(verdict.definition).size;
    if (inputs !== GRID_ROWS * GRID_COLUMNS) throw new Error(`the national form has ${inputs} input cells`);
    const admin = (await one<{ id: number }>(c, `SELECT id FROM users WHERE login = 'admin'`)).id;
    const startsAt = new Date(now.getTime() - 14 * DAY);
    const endsAt = new Date(now.getTime() + 7 * DAY);
    const formId = (
      await one<{ id: number }>(c, `INSERT INTO forms (title, created_by) VALUES ($1, $2) RETURNING id`, [
        verdict.definition.title,
        admin,
      ])
    ).id;
    const formVersionId = (
      await one<{ id: number }>(
        c,
        `INSERT INTO form_versions (form_id, version, definition, created_by) VALUES ($1, 1, $2, $3) RETURNING id`,
        [formId, JSON.stringify(verdict.definition), admin],
      )
    ).id;
    const collectionId = (
      await one<{ id: number }>(
        c,
        `INSERT INTO collections (title, form_version_id, starts_at, ends_at, created_by)
         VALUES ('НИКО: национальный бенчмарк', $1, $2, $3, $4) RETURNING id`,
        [formVersionId, startsAt, endsAt, admin],
      )
    ).id;

    // Every organization takes part. k numbers them in code order; k % 3 gives the status, so each
    // region has a third of each. Work starts over the first 80 % of the days so far; the first
    // submission follows within a day; one submitted in ten submitted again (k % 30 = 5), another
    // one in ten changed cells after submitting (k % 30 = 8). Every date is before now.
    const participants = await c.query(
      `WITH o AS (
         SELECT id, region_code, municipality_id, row_number() OVER (ORDER BY code) AS k FROM organizations
       ), s AS (
         SELECT o.*, (ARRAY['not_started', 'in_progress', 'submitted'])[1 + k % 3] AS status,
                $2::timestamptz + ((k * 7919) % 1000) / 1000.0 * 0.8 * ($3::timestamptz - $2::timestamptz) AS started,
                (1 + k % 23) * interval '1 hour' AS first_after,
                CASE WHEN k % 30 = 5 THEN (1 + k % 19) * interval '1 hour' ELSE interval '0' END AS again_after,
                CASE WHEN k % 30 = 8 THEN (1 + k % 11) * interval '1 hour' ELSE interval '-10 minutes' END AS changed_after
           FROM o
       )
       INSERT INTO responses (collection_id, organization_id, region_code, municipality_id, status, started_at,
                              first_submitted_at, last_submitted_at, submission_count, last_changed_at)
       SELECT $1, id, region_code, municipality_id, status,
              CASE WHEN status <> 'not_started' THEN started END,
              CASE WHEN status = 'submitted' THEN started + first_after END,
              CASE WHEN status = 'submitted' THEN started + first_after + again_after END,
              CASE WHEN status <> 'submitted' THEN 0 WHEN k % 30 = 5 THEN 2 ELSE 1 END,
              CASE status WHEN 'not_started' THEN NULL
                          WHEN 'in_progress' THEN started + (k % 13) * interval '1 hour'
                          ELSE started + first_after + again_after + changed_after END
         FROM s ORDER BY k`,
      [collectionId, startsAt, now],
    );
    step('participants', `${participants.rowCount} in collection ${collectionId}`);

    // Cells: all 250 for «Сдано», the first 1–20 rows for «В работе», typed by the organization's
    // account a couple of minutes apart after it started.
    const range = await one<{ lo: number; hi: number }>(
      c,
      `SELECT min(id) AS lo, max(id) AS hi FROM responses WHERE collection_id = $1`,
      [collectionId],
    );
    // Its key and foreign keys are set aside while the rows go in, and put back as they were
    // (one index build and one check each, instead of an index insertion and two foreign-key
    // triggers per row: several times faster). One transaction: a failure leaves them in place.
    await c.query('BEGIN');
    const constraints = (
      await c.query<{ name: string; def: string }>(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE conrelid = 'response_cells'::regclass AND contype IN ('p', 'f') ORDER BY contype DESC, conname`,
      )
    ).rows;
    for (const k of constraints) await c.query(`ALTER TABLE response_cells DROP CONSTRAINT ${k.name}`);
    let cells = 0;
    for (let lo = range.lo; lo <= range.hi; lo += CELL_CHUNK) {
      const r = await c.query(
        `INSERT INTO response_cells (response_id, cell_key, value, version, updated_at, updated_by)
         SELECT r.id, ${CELL_KEY}, ${CELL_VALUE}, 1,
                r.started_at + (i * 10 + j) * interval '10 seconds', u.id
           FROM responses r
           LEFT JOIN users u ON u.organization_id = r.organization_id
          CROSS JOIN generate_series(1, ${GRID_ROWS}) AS i
          CROSS JOIN generate_series(1, ${GRID_COLUMNS}) AS j
          WHERE r.collection_id = $1 AND r.id >= $2 AND r.id < $3
            AND (r.status = 'submitted' OR (r.status = 'in_progress' AND i <= 1 + r.id % 20))
          ORDER BY r.id, i, j`,
        [collectionId, lo, lo + CELL_CHUNK],
      );
      cells += r.rowCount ?? 0;
      log(`  cells: ${cells.toLocaleString('en')}`);
    }
    for (const k of constraints)
      await c.query(`ALTER TABLE response_cells ADD CONSTRAINT ${k.name} ${k.def}`);
    await c.query('COMMIT');
    // The planner has to know the table is no longer empty before the update below.
    await c.query('ANALYZE responses, response_cells');
    step('cells', `${cells} rows in response_cells`);

    // Snapshots: the earlier one of those who submitted twice, then everybody's latest, each the
    // cells as they stood ({ values, rows }, as «Сдать отчет» stores it).
    // Built from the same expressions as the cells rather than read back from them: the freshly
    // loaded rows are not read again until VACUUM below (a first read of 5 million new rows sets
    // their hint bits and rewrites every page, which took minutes through an index).
    const snapshot = (at: string, where: string) =>
      c.query(
        `INSERT INTO submissions (response_id, form_version_id, data, submitted_by, submitted_at)
         SELECT r.id, $2, jsonb_build_object('values', cells.v, 'rows', '{}'::jsonb), u.id, ${at}
           FROM responses r
           LEFT JOIN users u ON u.organization_id = r.organization_id
          CROSS JOIN LATERAL (
                SELECT jsonb_object_agg(${CELL_KEY}, ${CELL_VALUE}) AS v
                  FROM generate_series(1, ${GRID_ROWS}) AS i CROSS JOIN generate_series(1, ${GRID_COLUMNS}) AS j
              ) cells
          WHERE r.collection_id = $1 AND r.status = 'submitted' ${where}
          ORDER BY r.id`,
        [collectionId, formVersionId],
      );
    const first = await snapshot('r.first_submitted_at', 'AND r.submission_count = 2');
    const latest = await snapshot('r.last_submitted_at', '');
    const submissions = (first.rowCount ?? 0) + (latest.rowCount ?? 0);
    // Changed since the submission: the first row typed again, one more in each cell.
    await c.query(
      `UPDATE response_cells cell
          SET value = (cell.value::int + 1)::text, version = 2, updated_at = r.last_changed_at
         FROM responses r
        WHERE cell.response_id = r.id AND r.collection_id = $1
          AND r.last_changed_at > r.last_submitted_at AND cell.cell_key = ANY($2::text[])`,
      [collectionId, Array.from({ length: GRID_COLUMNS }, (_, j) => `grid.r1.c${j + 1}`)],
    );
    step('submissions', `${submissions} snapshots (${first.rowCount} earlier ones)`);

    // What autovacuum would have done on a live server by now: statistics for the planner and a
    // visibility map for index-only scans.
    for (const table of [
      'municipalities',
      'organizations',
      'users',
      'responses',
      'response_cells',
      'submissions',
    ]) {
      await c.query(`VACUUM (ANALYZE) ${table}`);
    }
    step('vacuum', 'VACUUM (ANALYZE) of the loaded tables');

    const counts = (
      await c.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM responses WHERE collection_id = $1 GROUP BY status`,
        [collectionId],
      )
    ).rows;
    const n = (s: string) => counts.find((x) => x.status === s)?.n ?? 0;
    const largest = regions.reduce((a, b) => (b.registryOrganizations > a.registryOrganizations ? b : a));
    seconds.total = Math.round((performance.now() - t0) / 100) / 10;
    return {
      collectionId,
      formVersionId,
      organizations: plan.organizations.length,
      municipalities: plan.municipalities.length,
      users: users.rowCount ?? 0,
      counts: {
        notStarted: n('not_started'),
        inProgress: n('in_progress'),
        submitted: n('submitted'),
        cells,
        submissions,
      },
      largestRegion: {
        code: largest.code,
        name: largest.name,
        organizations: plan.organizations.filter((o) => o.regionCode === largest.code).length,
      },
      logins: { federal: 'admin', regional: `reg${largest.code}`, municipal: `mun${largest.code}001` },
      password: NATIONAL_PASSWORD,
      seconds,
    };
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

/**
 * The dataset a database already holds (loaded earlier by this script), without the timings:
 * lets a benchmark run again on a database loaded once.
 */
export async function findNational(pool: pg.Pool): Promise<NationalDataset> {
  const found = (
    await pool.query<{ id: number; formVersionId: number }>(
      `SELECT id, form_version_id AS "formVersionId" FROM collections
        WHERE title = 'НИКО: национальный бенчмарк' ORDER BY id DESC LIMIT 1`,
    )
  ).rows[0];
  if (!found) throw new Error('no national dataset in this database: load it with scripts/load-national.ts');
  const q = async (text: string, values: unknown[] = []) =>
    Number((await pool.query<{ n: string }>(text, values)).rows[0]?.n ?? 0);
  const statuses = (
    await pool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM responses WHERE collection_id = $1 GROUP BY status`,
      [found.id],
    )
  ).rows;
  const n = (s: string) => statuses.find((x) => x.status === s)?.n ?? 0;
  const largest = await one<{ code: string; name: string; organizations: number }>(
    pool,
    `SELECT r.code, r.name, count(*)::int AS organizations FROM organizations o JOIN regions r ON r.code = o.region_code
      GROUP BY r.code, r.name ORDER BY count(*) DESC, r.code LIMIT 1`,
  );
  return {
    collectionId: found.id,
    formVersionId: found.formVersionId,
    organizations: await q('SELECT count(*) AS n FROM organizations'),
    municipalities: await q('SELECT count(*) AS n FROM municipalities'),
    users: await q('SELECT count(*) AS n FROM users'),
    counts: {
      notStarted: n('not_started'),
      inProgress: n('in_progress'),
      submitted: n('submitted'),
      cells: await q(
        'SELECT count(*) AS n FROM response_cells WHERE response_id IN (SELECT id FROM responses WHERE collection_id = $1)',
        [found.id],
      ),
      submissions: await q(
        'SELECT count(*) AS n FROM submissions WHERE response_id IN (SELECT id FROM responses WHERE collection_id = $1)',
        [found.id],
      ),
    },
    largestRegion: largest,
    logins: { federal: 'admin', regional: `reg${largest.code}`, municipal: `mun${largest.code}001` },
    password: NATIONAL_PASSWORD,
    seconds: {},
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL names the database to load (an empty or freshly created one).\n');
    process.exit(2);
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const d = await loadNational(pool, { log: (line) => console.log(line) });
    console.log(
      `loaded in ${d.seconds.total} s: ${d.organizations} organizations, collection ${d.collectionId} ` +
        `(${d.counts.notStarted} not started, ${d.counts.inProgress} in progress, ${d.counts.submitted} submitted), ` +
        `${d.counts.cells} cells, ${d.counts.submissions} snapshots; sign in as ${d.logins.federal}, ` +
        `${d.logins.regional}, ${d.logins.municipal} or sch<code> with password ${d.password}`,
    );
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    await pool.end();
  }
}
