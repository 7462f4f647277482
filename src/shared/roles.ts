// The four roles and how the UI names them (docs/PRODUCT.md "Roles").
export const ROLES = ['federal', 'regional', 'municipal', 'organization'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  federal: 'Федеральный оператор',
  regional: 'Региональный координатор',
  municipal: 'Муниципальный координатор',
  organization: 'Образовательная организация',
};

export const ORGANIZATION_KINDS = ['school', 'spo', 'other'] as const;
export type OrganizationKindCode = (typeof ORGANIZATION_KINDS)[number];

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKindCode, string> = {
  school: 'школа',
  spo: 'СПО',
  other: 'другое',
};
