// The four roles and how the UI names them (docs/PRODUCT.md "Roles").
export const ROLES = ['federal', 'regional', 'municipal', 'organization'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  federal: 'Федеральный оператор',
  regional: 'Региональный координатор',
  municipal: 'Муниципальный координатор',
  organization: 'Образовательная организация',
};

export type ScopeField = 'regionCode' | 'municipalityId' | 'organizationId';

/**
 * The field that binds an account of each role to its territory (the database checks the same,
 * users_scope_matches_role); the federal operator's account has none.
 */
export const ROLE_SCOPE_FIELD: Record<Role, ScopeField | null> = {
  federal: null,
  regional: 'regionCode',
  municipal: 'municipalityId',
  organization: 'organizationId',
};

/** What a form asks, in order, to reach that field: a municipality is chosen within a region, and so on. */
export const ROLE_SCOPE_CHOICES: Record<Role, readonly ScopeField[]> = {
  federal: [],
  regional: ['regionCode'],
  municipal: ['regionCode', 'municipalityId'],
  organization: ['regionCode', 'municipalityId', 'organizationId'],
};

export const ORGANIZATION_KINDS = ['school', 'spo', 'other'] as const;
export type OrganizationKindCode = (typeof ORGANIZATION_KINDS)[number];

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKindCode, string> = {
  school: 'школа',
  spo: 'СПО',
  other: 'другое',
};
