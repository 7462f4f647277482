// Kysely's view of the tables. Keep in step with migrations/*.sql.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
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

export interface Database {
  regions: RegionsTable;
  municipalities: MunicipalitiesTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}
