// An organization as the code names its fields, turned into its table's row: the one mapping that
// the operator's form, the import, the demo data and the benchmarks all insert through.
import type { Insertable } from 'kysely';
import type { OrganizationKind, OrganizationsTable } from '../../db/schema.js';

export type NewOrganization = {
  code: string;
  shortName: string;
  fullName: string;
  kind: OrganizationKind;
  regionCode: string;
  municipalityId: number;
  /** Active unless told otherwise. */
  isActive?: boolean;
};

export function organizationRow(o: NewOrganization): Insertable<OrganizationsTable> {
  return {
    code: o.code,
    short_name: o.shortName,
    full_name: o.fullName,
    kind: o.kind,
    region_code: o.regionCode,
    municipality_id: o.municipalityId,
    is_active: o.isActive ?? true,
  };
}
