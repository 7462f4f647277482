// Which reminder recipients (one row per organization a notice went to) a user may see: a
// coordinator those of its area, an organization its own. The row carries its organization's
// territory, kept equal to it by the database (migration 0016), as responses do.
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CurrentUser } from '../current-user.js';
import { EVERYTHING, NOTHING } from './filters.js';

type RecipientEb = ExpressionBuilder<Database & { rr: Database['reminder_recipients'] }, 'rr'>;

/** Recipient rows (aliased `rr`) the user may see. */
export function reminderRecipientsInScope(user: CurrentUser) {
  return (eb: RecipientEb) => {
    switch (user.role) {
      case 'federal':
        return EVERYTHING;
      case 'regional':
        return user.regionCode ? eb('rr.region_code', '=', user.regionCode) : NOTHING;
      case 'municipal':
        return user.municipalityId ? eb('rr.municipality_id', '=', user.municipalityId) : NOTHING;
      case 'organization':
        return user.organizationId ? eb('rr.organization_id', '=', user.organizationId) : NOTHING;
    }
  };
}
