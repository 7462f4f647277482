// Which publications a user may read: those meant for them (their role and region in the
// audience, an empty list meaning everyone) once their time has come. Whoever writes
// publications sees them all, scheduled ones too, with the columns only a writer needs.
import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CurrentUser } from '../current-user.js';
import { can } from '../policy.js';
import { EVERYTHING } from './filters.js';

type PubEb = ExpressionBuilder<Database & { p: Database['publications'] }, 'p'>;

/** Does the user see publications as their writer (all of them, with audience and schedule)? */
export function seesPublicationsAsWriter(user: CurrentUser): boolean {
  return can(user, 'publications.write');
}

/** Publications (aliased `p`) the user may see. */
export function publicationsInScope(user: CurrentUser) {
  return (eb: PubEb) => {
    if (seesPublicationsAsWriter(user)) return EVERYTHING;
    const region = user.regionCode
      ? sql<boolean>`(cardinality(p.audience_regions) = 0 OR ${user.regionCode} = ANY (p.audience_regions))`
      : sql<boolean>`cardinality(p.audience_regions) = 0`;
    return eb.and([
      eb('p.publish_at', '<=', sql<Date>`now()`),
      sql<boolean>`(cardinality(p.audience_roles) = 0 OR ${user.role} = ANY (p.audience_roles))`,
      region,
    ]);
  };
}
