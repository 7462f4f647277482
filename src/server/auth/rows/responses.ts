// Which responses (one per participant of a collection) a user may see.
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CurrentUser } from '../current-user.js';
import { EVERYTHING, NOTHING } from './filters.js';

type ResponseEb = ExpressionBuilder<Database & { resp: Database['responses'] }, 'resp'>;

/**
 * Responses (aliased `resp`) the user may see. It reads the participant row's copy of its
 * organization's territory, which the database keeps equal to the organization's (a foreign key
 * that cascades a move, migration 0009), so that monitoring's indexes serve it.
 */
export function responsesInScope(user: CurrentUser) {
  return (eb: ResponseEb) => {
    switch (user.role) {
      case 'federal':
        return EVERYTHING;
      case 'regional':
        return user.regionCode ? eb('resp.region_code', '=', user.regionCode) : NOTHING;
      case 'municipal':
        return user.municipalityId ? eb('resp.municipality_id', '=', user.municipalityId) : NOTHING;
      case 'organization':
        return user.organizationId ? eb('resp.organization_id', '=', user.organizationId) : NOTHING;
    }
  };
}
