// The hand-written Kysely types (src/server/db/schema.ts) against the migrated database. Two links,
// each checked: the compiler holds TABLES below to schema.ts (every table and column, its broad type
// and whether it may be null, derived from the TypeScript type), and this test holds TABLES to the
// database's information_schema. A migration that adds, drops, retypes or un-nulls a column without
// schema.ts following fails one or the other, naming the column.
import { type SelectType, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/server/db/schema.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/** The broad kinds a column's TypeScript type and its PostgreSQL type are both sorted into. */
type Broad = 'text' | 'number' | 'boolean' | 'timestamp' | 'json' | 'bytea' | 'array';

type BroadOf<T> = [T] extends [string]
  ? 'text'
  : [T] extends [number]
    ? 'number'
    : [T] extends [boolean]
      ? 'boolean'
      : [T] extends [Date]
        ? 'timestamp'
        : [T] extends [Buffer]
          ? 'bytea'
          : [T] extends [readonly unknown[]]
            ? 'array'
            : 'json';

type ColumnSpec<C> = {
  type: BroadOf<NonNullable<SelectType<C>>>;
  nullable: null extends SelectType<C> ? true : false;
};

type Schema = { [T in keyof Database]: { [C in keyof Database[T]]-?: ColumnSpec<Database[T][C]> } };

const TABLES: Schema = {
  regions: {
    code: { type: 'text', nullable: false },
    name: { type: 'text', nullable: false },
    timezone: { type: 'text', nullable: false },
    registry_organizations: { type: 'number', nullable: false },
  },
  municipalities: {
    id: { type: 'number', nullable: false },
    code: { type: 'text', nullable: false },
    region_code: { type: 'text', nullable: false },
    name: { type: 'text', nullable: false },
  },
  organizations: {
    id: { type: 'number', nullable: false },
    code: { type: 'text', nullable: false },
    short_name: { type: 'text', nullable: false },
    full_name: { type: 'text', nullable: false },
    kind: { type: 'text', nullable: false },
    region_code: { type: 'text', nullable: false },
    municipality_id: { type: 'number', nullable: false },
    is_active: { type: 'boolean', nullable: false },
    created_at: { type: 'timestamp', nullable: false },
    updated_at: { type: 'timestamp', nullable: false },
  },
  users: {
    id: { type: 'number', nullable: false },
    login: { type: 'text', nullable: false },
    password_hash: { type: 'text', nullable: false },
    must_change_password: { type: 'boolean', nullable: false },
    role: { type: 'text', nullable: false },
    region_code: { type: 'text', nullable: true },
    municipality_id: { type: 'number', nullable: true },
    organization_id: { type: 'number', nullable: true },
    full_name: { type: 'text', nullable: false },
    email: { type: 'text', nullable: false },
    is_active: { type: 'boolean', nullable: false },
    last_sign_in_at: { type: 'timestamp', nullable: true },
    created_at: { type: 'timestamp', nullable: false },
    updated_at: { type: 'timestamp', nullable: false },
  },
  sessions: {
    id: { type: 'text', nullable: false },
    user_id: { type: 'number', nullable: false },
    created_at: { type: 'timestamp', nullable: false },
    last_seen_at: { type: 'timestamp', nullable: false },
    expires_at: { type: 'timestamp', nullable: false },
    ip: { type: 'text', nullable: false },
    user_agent: { type: 'text', nullable: false },
  },
  audit_log: {
    id: { type: 'number', nullable: false },
    at: { type: 'timestamp', nullable: false },
    actor_user_id: { type: 'number', nullable: true },
    actor_login: { type: 'text', nullable: false },
    ip: { type: 'text', nullable: false },
    action: { type: 'text', nullable: false },
    object_type: { type: 'text', nullable: false },
    object_id: { type: 'text', nullable: false },
    details: { type: 'json', nullable: false },
  },
  login_attempts: {
    kind: { type: 'text', nullable: false },
    key: { type: 'text', nullable: false },
    attempts: { type: 'number', nullable: false },
    window_start: { type: 'timestamp', nullable: false },
  },
  server_secrets: {
    name: { type: 'text', nullable: false },
    value: { type: 'text', nullable: false },
    created_at: { type: 'timestamp', nullable: false },
  },
  forms: {
    id: { type: 'number', nullable: false },
    title: { type: 'text', nullable: false },
    created_by: { type: 'number', nullable: true },
    created_at: { type: 'timestamp', nullable: false },
  },
  form_versions: {
    id: { type: 'number', nullable: false },
    form_id: { type: 'number', nullable: false },
    version: { type: 'number', nullable: false },
    definition: { type: 'json', nullable: false },
    created_by: { type: 'number', nullable: true },
    created_at: { type: 'timestamp', nullable: false },
    updated_at: { type: 'timestamp', nullable: false },
  },
  collections: {
    id: { type: 'number', nullable: false },
    title: { type: 'text', nullable: false },
    form_version_id: { type: 'number', nullable: false },
    starts_at: { type: 'timestamp', nullable: false },
    ends_at: { type: 'timestamp', nullable: false },
    closed_at: { type: 'timestamp', nullable: true },
    created_by: { type: 'number', nullable: true },
    created_at: { type: 'timestamp', nullable: false },
    updated_at: { type: 'timestamp', nullable: false },
  },
  responses: {
    id: { type: 'number', nullable: false },
    collection_id: { type: 'number', nullable: false },
    organization_id: { type: 'number', nullable: false },
    region_code: { type: 'text', nullable: false },
    municipality_id: { type: 'number', nullable: false },
    status: { type: 'text', nullable: false },
    started_at: { type: 'timestamp', nullable: true },
    first_submitted_at: { type: 'timestamp', nullable: true },
    last_submitted_at: { type: 'timestamp', nullable: true },
    submission_count: { type: 'number', nullable: false },
    last_changed_at: { type: 'timestamp', nullable: true },
    review_state: { type: 'text', nullable: false },
    reviewed_at: { type: 'timestamp', nullable: true },
    extended_until: { type: 'timestamp', nullable: true },
  },
  response_cells: {
    response_id: { type: 'number', nullable: false },
    cell_key: { type: 'text', nullable: false },
    value: { type: 'text', nullable: true },
    version: { type: 'number', nullable: false },
    updated_at: { type: 'timestamp', nullable: false },
    updated_by: { type: 'number', nullable: true },
  },
  cell_changes: {
    collection_id: { type: 'number', nullable: false },
    change_id: { type: 'text', nullable: false },
    response_id: { type: 'number', nullable: false },
    cell_key: { type: 'text', nullable: false },
    old_value: { type: 'text', nullable: true },
    new_value: { type: 'text', nullable: true },
    version: { type: 'number', nullable: false },
    user_id: { type: 'number', nullable: true },
    user_login: { type: 'text', nullable: false },
    ip: { type: 'text', nullable: false },
    at: { type: 'timestamp', nullable: false },
    source: { type: 'text', nullable: true },
  },
  submissions: {
    id: { type: 'number', nullable: false },
    response_id: { type: 'number', nullable: false },
    form_version_id: { type: 'number', nullable: false },
    data: { type: 'json', nullable: false },
    submitted_by: { type: 'number', nullable: true },
    submitted_at: { type: 'timestamp', nullable: false },
  },
  review_events: {
    id: { type: 'number', nullable: false },
    response_id: { type: 'number', nullable: false },
    state: { type: 'text', nullable: false },
    comment: { type: 'text', nullable: true },
    extended_until: { type: 'timestamp', nullable: true },
    actor_user_id: { type: 'number', nullable: true },
    actor_login: { type: 'text', nullable: false },
    actor_role: { type: 'text', nullable: false },
    actor_scope: { type: 'text', nullable: false },
    at: { type: 'timestamp', nullable: false },
  },
  export_jobs: {
    id: { type: 'number', nullable: false },
    collection_id: { type: 'number', nullable: false },
    requested_by: { type: 'number', nullable: false },
    scope_role: { type: 'text', nullable: false },
    scope_region_code: { type: 'text', nullable: true },
    scope_municipality_id: { type: 'number', nullable: true },
    scope_organization_id: { type: 'number', nullable: true },
    region_filter: { type: 'text', nullable: true },
    status: { type: 'text', nullable: false },
    progress: { type: 'number', nullable: false },
    organizations: { type: 'number', nullable: false },
    error: { type: 'text', nullable: true },
    file_name: { type: 'text', nullable: false },
    size_bytes: { type: 'number', nullable: true },
    attempts: { type: 'number', nullable: false },
    created_at: { type: 'timestamp', nullable: false },
    started_at: { type: 'timestamp', nullable: true },
    heartbeat_at: { type: 'timestamp', nullable: true },
    finished_at: { type: 'timestamp', nullable: true },
  },
  export_file_chunks: {
    job_id: { type: 'number', nullable: false },
    seq: { type: 'number', nullable: false },
    data: { type: 'bytea', nullable: false },
  },
  write_rate_counters: {
    user_id: { type: 'number', nullable: false },
    window_started_at: { type: 'timestamp', nullable: false },
    requests: { type: 'number', nullable: false },
    characters: { type: 'number', nullable: false },
  },
  publications: {
    id: { type: 'number', nullable: false },
    title: { type: 'text', nullable: false },
    body_markdown: { type: 'text', nullable: false },
    body_html: { type: 'text', nullable: false },
    audience_roles: { type: 'array', nullable: false },
    audience_regions: { type: 'array', nullable: false },
    publish_at: { type: 'timestamp', nullable: false },
    created_by: { type: 'number', nullable: true },
    created_at: { type: 'timestamp', nullable: false },
    updated_at: { type: 'timestamp', nullable: false },
  },
  publication_files: {
    id: { type: 'number', nullable: false },
    publication_id: { type: 'number', nullable: false },
    name: { type: 'text', nullable: false },
    content_type: { type: 'text', nullable: false },
    size_bytes: { type: 'number', nullable: false },
    sha256: { type: 'text', nullable: false },
    complete: { type: 'boolean', nullable: false },
    created_at: { type: 'timestamp', nullable: false },
  },
  publication_file_chunks: {
    file_id: { type: 'number', nullable: false },
    seq: { type: 'number', nullable: false },
    data: { type: 'bytea', nullable: false },
  },
  reminders: {
    id: { type: 'number', nullable: false },
    collection_id: { type: 'number', nullable: false },
    sent_by: { type: 'number', nullable: false },
    audience: { type: 'text', nullable: false },
    message: { type: 'text', nullable: false },
    recipients: { type: 'number', nullable: false },
    emails: { type: 'number', nullable: false },
    created_at: { type: 'timestamp', nullable: false },
  },
  reminder_recipients: {
    reminder_id: { type: 'number', nullable: false },
    organization_id: { type: 'number', nullable: false },
    region_code: { type: 'text', nullable: false },
    municipality_id: { type: 'number', nullable: false },
    read_at: { type: 'timestamp', nullable: true },
    dismissed_at: { type: 'timestamp', nullable: true },
  },
  email_outbox: {
    id: { type: 'number', nullable: false },
    reminder_id: { type: 'number', nullable: true },
    to_address: { type: 'text', nullable: false },
    subject: { type: 'text', nullable: false },
    body: { type: 'text', nullable: false },
    status: { type: 'text', nullable: false },
    attempts: { type: 'number', nullable: false },
    next_attempt_at: { type: 'timestamp', nullable: false },
    locked_until: { type: 'timestamp', nullable: true },
    last_error: { type: 'text', nullable: true },
    sent_at: { type: 'timestamp', nullable: true },
    created_at: { type: 'timestamp', nullable: false },
  },
};

/** How PostgreSQL's data_type (information_schema.columns) sorts into the broad kinds. */
function broadOf(dataType: string): Broad | `unknown: ${string}` {
  if (['text', 'character varying', 'character', 'uuid', 'inet', 'USER-DEFINED'].includes(dataType))
    return 'text';
  if (['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'].includes(dataType))
    return 'number';
  if (dataType === 'boolean') return 'boolean';
  if (dataType.startsWith('timestamp') || dataType === 'date') return 'timestamp';
  if (dataType === 'json' || dataType === 'jsonb') return 'json';
  if (dataType === 'bytea') return 'bytea';
  if (dataType === 'ARRAY') return 'array';
  return `unknown: ${dataType}`;
}

/** Tables the app's queries never name: the migration ledger. */
const NOT_IN_SCHEMA = new Set(['schema_migrations']);

type DbColumn = { table: string; column: string; nullable: boolean; type: string };

async function databaseColumns(db: TestDatabase['db']): Promise<DbColumn[]> {
  // Partitions (of cell_changes) repeat their parent's columns; the parent is what queries name.
  const { rows } = await sql<DbColumn>`
    SELECT c.table_name AS "table", c.column_name AS "column", c.is_nullable = 'YES' AS nullable,
           c.data_type AS "type"
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND NOT EXISTS (
        SELECT 1 FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid
        WHERE k.relname = c.table_name AND k.relnamespace = current_schema()::regnamespace)
    ORDER BY 1, 2`.execute(db);
  return rows;
}

/** Every difference between TABLES (and so schema.ts) and the database, one line each. */
function drift(columns: DbColumn[]): string[] {
  const out: string[] = [];
  const expected = TABLES as Record<string, Record<string, { type: Broad; nullable: boolean }>>;
  const seen = new Set<string>();
  for (const c of columns) {
    if (NOT_IN_SCHEMA.has(c.table)) continue;
    const table = expected[c.table];
    if (!table) {
      if (!seen.has(c.table)) out.push(`table ${c.table}: in the database, not in schema.ts`);
      seen.add(c.table);
      continue;
    }
    seen.add(c.table);
    const spec = table[c.column];
    const name = `${c.table}.${c.column}`;
    if (!spec) {
      out.push(`${name}: in the database, not in schema.ts`);
      continue;
    }
    const broad = broadOf(c.type);
    if (broad !== spec.type)
      out.push(`${name}: ${c.type} (${broad}) in the database, ${spec.type} in schema.ts`);
    if (c.nullable !== spec.nullable) {
      out.push(
        `${name}: ${c.nullable ? 'nullable' : 'NOT NULL'} in the database, ${spec.nullable ? 'nullable' : 'not null'} in schema.ts`,
      );
    }
  }
  for (const [table, cols] of Object.entries(expected)) {
    if (!seen.has(table)) {
      out.push(`table ${table}: in schema.ts, not in the database`);
      continue;
    }
    for (const column of Object.keys(cols)) {
      if (!columns.some((c) => c.table === table && c.column === column)) {
        out.push(`${table}.${column}: in schema.ts, not in the database`);
      }
    }
  }
  return out;
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('schema.ts', () => {
  it('matches the migrated database: tables, columns, broad types and nullability', async () => {
    expect(drift(await databaseColumns(database.db))).toEqual([]);
  });

  it('names the drift when the database moves away from it', async () => {
    await sql`ALTER TABLE regions ADD COLUMN drift_probe text`.execute(database.db);
    await sql`ALTER TABLE users ALTER COLUMN email DROP NOT NULL`.execute(database.db);
    await sql`ALTER TABLE sessions DROP COLUMN user_agent`.execute(database.db);
    await sql`ALTER TABLE server_secrets ALTER COLUMN value TYPE bytea USING convert_to(value, 'UTF8')`.execute(
      database.db,
    );
    expect(drift(await databaseColumns(database.db))).toEqual([
      'regions.drift_probe: in the database, not in schema.ts',
      'server_secrets.value: bytea (bytea) in the database, text in schema.ts',
      'users.email: nullable in the database, not null in schema.ts',
      'sessions.user_agent: in schema.ts, not in the database',
    ]);
  });
});
