// What the directory endpoints answer (docs/API.md, "Directory").
import type { OrganizationKindCode, Role } from '../../../shared/roles.js';

export type Paged<T> = { rows: T[]; total: number; page: number; pageSize: number };

/** Counts come from SQL count(*), which may arrive as strings. */
export type Count = number | string;

export type Region = {
  code: string;
  name: string;
  timezone: string;
  organizations: Count;
  municipalities: Count;
};

export type Municipality = {
  id: number;
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  organizations?: Count;
};

export type RegionDetails = Omit<Region, 'organizations' | 'municipalities'> & {
  municipalities: Municipality[];
};

export type Organization = {
  id: number;
  code: string;
  shortName: string;
  fullName: string;
  kind: OrganizationKindCode;
  regionCode: string;
  regionName: string;
  municipalityId: number;
  municipalityCode: string;
  municipalityName: string;
  isActive: boolean;
};

export type DirectoryUser = {
  id: number;
  login: string;
  role: Role;
  fullName: string;
  email: string;
  isActive: boolean;
  mustChangePassword: boolean;
  regionCode?: string | null;
  municipalityId?: number | null;
  organizationId?: number | null;
  organizationCode: string | null;
  organizationName: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  scopeRegionCode: string | null;
  /** The server's policy: may the signed-in user reset this account's password? */
  canResetPassword: boolean;
};

export type OrganizationDetails = Organization & { users: DirectoryUser[] };
