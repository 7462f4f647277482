// Kysely's view of the tables. Keep in step with migrations/*.sql.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { FormDefinition } from '../../shared/forms/definition.js';
import type { FormData as SubmittedData } from '../../shared/forms/validate.js';
import type { Role } from '../../shared/roles.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type OrganizationKind = 'school' | 'spo' | 'other';

export interface RegionsTable {
  code: string;
  name: string;
  timezone: string;
  registry_organizations: number;
}

export interface MunicipalitiesTable {
  id: Generated<number>;
  code: string;
  region_code: string;
  name: string;
}

export interface OrganizationsTable {
  id: Generated<number>;
  code: string;
  short_name: string;
  full_name: string;
  kind: OrganizationKind;
  region_code: string;
  municipality_id: number;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  login: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  role: Role;
  region_code: string | null;
  municipality_id: number | null;
  organization_id: number | null;
  full_name: Generated<string>;
  email: Generated<string>;
  is_active: Generated<boolean>;
  /** The last successful sign-in; null: never signed in (migration 0017). */
  last_sign_in_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_user_id: number | null;
  actor_login: Generated<string>;
  ip: Generated<string>;
  action: string;
  object_type: Generated<string>;
  object_id: Generated<string>;
  details: JSONColumnType<Record<string, unknown>, string | undefined, never>;
}

export type LoginAttemptKind = 'login' | 'ip' | 'device' | 'password';

export interface LoginAttemptsTable {
  kind: LoginAttemptKind;
  key: string;
  attempts: number;
  window_start: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

export interface PublicationsTable {
  id: Generated<number>;
  title: string;
  body_markdown: string;
  body_html: string;
  audience_roles: ColumnType<string[], string[] | undefined, string[]>;
  audience_regions: ColumnType<string[], string[] | undefined, string[]>;
  publish_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PublicationFilesTable {
  id: Generated<number>;
  publication_id: number;
  name: string;
  content_type: string;
  size_bytes: Generated<number>;
  sha256: Generated<string>;
  complete: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PublicationFileChunksTable {
  file_id: number;
  seq: number;
  data: Buffer;
}

export interface FormsTable {
  id: Generated<number>;
  title: string;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface FormVersionsTable {
  id: Generated<number>;
  form_id: number;
  version: number;
  definition: JSONColumnType<FormDefinition, string, string>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CollectionsTable {
  id: Generated<number>;
  title: string;
  form_version_id: number;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type ResponseStatus = 'not_started' | 'in_progress' | 'submitted';
type Instant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ResponsesTable {
  id: Generated<number>;
  collection_id: number;
  organization_id: number;
  /** The organization's territory, copied; a cascading foreign key keeps it equal (migration 0009). */
  region_code: string;
  municipality_id: number;
  status: Generated<ResponseStatus>;
  started_at: Instant;
  first_submitted_at: Instant;
  last_submitted_at: Instant;
  submission_count: Generated<number>;
  last_changed_at: Instant;
  /** Meaningful once submitted (migration 0015). */
  review_state: Generated<ReviewState>;
  reviewed_at: Instant;
  extended_until: Instant;
}

export type ReviewState = 'unchecked' | 'accepted' | 'returned';

/** Every change of a report's review state; append-only (migration 0015). */
export interface ReviewEventsTable {
  id: Generated<number>;
  response_id: number;
  state: ReviewState;
  comment: string | null;
  extended_until: Instant;
  actor_user_id: number | null;
  actor_login: string;
  actor_role: string;
  actor_scope: string;
  at: CreatedAt;
}

export interface ResponseCellsTable {
  response_id: number;
  cell_key: string;
  value: string | null;
  version: number;
  updated_at: UpdatedAt;
  updated_by: number | null;
}

/** Partitioned by collection (migration 0013); append-only (0012). */
export interface CellChangesTable {
  collection_id: number;
  change_id: string;
  response_id: number;
  cell_key: string;
  old_value: string | null;
  new_value: string | null;
  version: number;
  user_id: number | null;
  user_login: Generated<string>;
  ip: Generated<string>;
  at: CreatedAt;
  /** NULL: typed in the portal; 'excel': applied by «Загрузить из Excel» (migration 0014). */
  source: Generated<'excel' | null>;
}

export interface SubmissionsTable {
  id: Generated<number>;
  response_id: number;
  form_version_id: number;
  data: JSONColumnType<SubmittedData, string, never>;
  submitted_by: number | null;
  submitted_at: CreatedAt;
}

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJobsTable {
  id: Generated<number>;
  collection_id: number;
  requested_by: number;
  scope_role: Role;
  scope_region_code: string | null;
  scope_municipality_id: number | null;
  scope_organization_id: number | null;
  region_filter: string | null;
  status: Generated<ExportStatus>;
  progress: Generated<number>;
  organizations: Generated<number>;
  error: string | null;
  file_name: string;
  size_bytes: number | null;
  attempts: Generated<number>;
  created_at: CreatedAt;
  started_at: Instant;
  heartbeat_at: Instant;
  finished_at: Instant;
}

export interface WriteRateCountersTable {
  user_id: number;
  window_started_at: Date;
  requests: number;
  characters: number;
}

export interface ExportFileChunksTable {
  job_id: number;
  seq: number;
  data: Buffer;
}

export type ReminderAudience = 'chosen' | 'not_started' | 'not_submitted';

export interface RemindersTable {
  id: Generated<number>;
  collection_id: number;
  sent_by: number;
  audience: ReminderAudience;
  message: string;
  recipients: number;
  emails: Generated<number>;
  created_at: CreatedAt;
}

export interface ReminderRecipientsTable {
  reminder_id: number;
  organization_id: number;
  region_code: string;
  municipality_id: number;
  read_at: Instant;
  dismissed_at: Instant;
}

export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface EmailOutboxTable {
  id: Generated<number>;
  reminder_id: number | null;
  to_address: string;
  subject: string;
  body: string;
  status: Generated<EmailStatus>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: Instant;
  last_error: string | null;
  sent_at: Instant;
  created_at: CreatedAt;
}

export interface Database {
  regions: RegionsTable;
  municipalities: MunicipalitiesTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptsTable;
  server_secrets: ServerSecretsTable;
  forms: FormsTable;
  form_versions: FormVersionsTable;
  collections: CollectionsTable;
  responses: ResponsesTable;
  response_cells: ResponseCellsTable;
  cell_changes: CellChangesTable;
  submissions: SubmissionsTable;
  review_events: ReviewEventsTable;
  export_jobs: ExportJobsTable;
  export_file_chunks: ExportFileChunksTable;
  write_rate_counters: WriteRateCountersTable;
  publications: PublicationsTable;
  publication_files: PublicationFilesTable;
  publication_file_chunks: PublicationFileChunksTable;
  reminders: RemindersTable;
  reminder_recipients: ReminderRecipientsTable;
  email_outbox: EmailOutboxTable;
}
