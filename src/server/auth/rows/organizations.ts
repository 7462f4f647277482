// Which organizations a user may see: those of their region or municipality, or their own.
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CurrentUser } from '../current-user.js';
import { EVERYTHING, NOTHING } from './filters.js';

type OrgEb = ExpressionBuilder<Database & { o: Database['organizations'] }, 'o'>;

/** Organizations (aliased `o`) the user may see. */
export function organizationsInScope(user: CurrentUser) {
  return (eb: OrgEb) => {
    switch (user.role) {
      case 'federal':
        return EVERYTHING;
      case 'regional':
        return user.regionCode ? eb('o.region_code', '=', user.regionCode) : NOTHING;
      case 'municipal':
        return user.municipalityId ? eb('o.municipality_id', '=', user.municipalityId) : NOTHING;
      case 'organization':
        return user.organizationId ? eb('o.id', '=', user.organizationId) : NOTHING;
    }
  };
}
