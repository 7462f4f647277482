// What the directory endpoints answer: geography, organizations, users, imports
// (src/server/directory/*/routes.ts, docs/API.md "Directory" and "Import").
import { z } from 'zod';
import { ORGANIZATION_KINDS, ROLES } from '../roles.js';
import { binaryFile, Count, Paged, Problem, Rows, responses, type Wire } from './common.js';

export const Region = z.object({
  code: z.string(),
  name: z.string(),
  timezone: z.string(),
  organizations: Count,
  municipalities: Count,
});
export type Region = Wire<typeof Region>;

export const Municipality = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  /** In lists; a single municipality comes without it. */
  organizations: Count.optional(),
});
export type Municipality = Wire<typeof Municipality>;

export const RegionDetails = Region.omit({ organizations: true, municipalities: true }).extend({
  municipalities: z.array(Municipality),
});
export type RegionDetails = Wire<typeof RegionDetails>;

export const Organization = z.object({
  id: z.number(),
  code: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  municipalityId: z.number(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  isActive: z.boolean(),
});
export type Organization = Wire<typeof Organization>;

export const DirectoryUser = z.object({
  id: z.number(),
  login: z.string(),
  role: z.enum(ROLES),
  fullName: z.string(),
  email: z.string(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  regionCode: z.string().nullable(),
  municipalityId: z.number().nullable(),
  organizationId: z.number().nullable(),
  organizationCode: z.string().nullable(),
  organizationName: z.string().nullable(),
  municipalityCode: z.string().nullable(),
  municipalityName: z.string().nullable(),
  scopeRegionCode: z.string().nullable(),
  /** The server's policy: may the signed-in user reset this account's password? */
  canResetPassword: z.boolean(),
});
export type DirectoryUser = Wire<typeof DirectoryUser>;

export const OrganizationDetails = Organization.extend({ users: z.array(DirectoryUser) });
export type OrganizationDetails = Wire<typeof OrganizationDetails>;

export const Credential = z.object({ login: z.string(), oneTimePassword: z.string() });
export type Credential = Wire<typeof Credential>;

/** POST /api/organizations: with the organization's account sch<code>, its password shown once. */
export const OrganizationCreated = z.object({ id: z.number(), account: Credential });
export type OrganizationCreated = Wire<typeof OrganizationCreated>;

/** POST /api/users */
export const UserCreated = z.object({ id: z.number(), oneTimePassword: z.string() });
export type UserCreated = Wire<typeof UserCreated>;

/** POST /api/users/:id/reset-password */
export const PasswordReset = z.object({ oneTimePassword: z.string() });
export type PasswordReset = Wire<typeof PasswordReset>;

export const IMPORT_SUBJECTS = ['organizations', 'users'] as const;
export type ImportSubject = (typeof IMPORT_SUBJECTS)[number];
export const IMPORT_MODES = ['all', 'valid-only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** `column` is the column's English key (`code`, `login`…), or '' for the file as a whole. */
export const CellError = z.object({ column: z.string(), message: z.string() });
export type CellError = Wire<typeof CellError>;
export const RefusedRow = z.object({ row: z.number(), errors: z.array(CellError) });
export type RefusedRow = Wire<typeof RefusedRow>;

/** An import's answer (docs/IMPORT.md). */
export const ImportReport = z.object({
  applied: z.boolean(),
  mode: z.enum(IMPORT_MODES),
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  refused: z.array(RefusedRow),
  credentials: z.array(Credential).optional(),
});
export type ImportReport = Wire<typeof ImportReport>;

/**
 * 422 (413 for a file over a size limit): nothing applied, the report in the problem. A 413 from the
 * upload's own limits carries no report, hence every report field is optional here.
 */
export const ImportRefusal = Problem.extend(ImportReport.partial().shape);
export type ImportRefusal = Wire<typeof ImportRefusal>;

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const TEMPLATE_CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: XLSX } as const;

export const directoryResponses = {
  regions: responses({ 200: Rows(Region) }),
  region: responses({ 200: RegionDetails }),
  municipalities: responses({ 200: Paged(Municipality) }),
  municipality: responses({ 200: Municipality }),
  organizations: responses({ 200: Paged(Organization) }),
  organization: responses({ 200: OrganizationDetails }),
  organizationCreated: responses({ 201: OrganizationCreated }),
  users: responses({ 200: Paged(DirectoryUser) }),
  user: responses({ 200: DirectoryUser }),
  userCreated: responses({ 201: UserCreated }),
  passwordReset: responses({ 200: PasswordReset }),
  importTemplate: (format: keyof typeof TEMPLATE_CONTENT_TYPES) =>
    responses({ 200: binaryFile(TEMPLATE_CONTENT_TYPES[format]) }),
  import: { ...responses({ 200: ImportReport }), 413: ImportRefusal, 422: ImportRefusal },
};
