// Which regions and municipalities a user may see: the federal operator all of them, everyone
// else the ones their scope lies in.
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CurrentUser } from '../current-user.js';
import { EVERYTHING, NOTHING } from './filters.js';

type RegionEb = ExpressionBuilder<Database & { r: Database['regions'] }, 'r'>;
type MunEb = ExpressionBuilder<Database & { m: Database['municipalities'] }, 'm'>;

/**
 * Whether the user's scope spans several regions, or several municipalities: the session sends it,
 * and the browser's lists offer a region or municipality filter only then.
 */
export function scopeSpansOf(user: CurrentUser) {
  return {
    regions: user.role === 'federal',
    municipalities: user.role === 'federal' || user.role === 'regional',
  };
}

/** Regions (aliased `r`) the user may see. */
export function regionsInScope(user: CurrentUser) {
  return (eb: RegionEb) =>
    user.role === 'federal' ? EVERYTHING : user.regionCode ? eb('r.code', '=', user.regionCode) : NOTHING;
}

/** Municipalities (aliased `m`) the user may see. */
export function municipalitiesInScope(user: CurrentUser) {
  return (eb: MunEb) => {
    switch (user.role) {
      case 'federal':
        return EVERYTHING;
      case 'regional':
        return user.regionCode ? eb('m.region_code', '=', user.regionCode) : NOTHING;
      case 'municipal':
      case 'organization':
        return user.municipalityId ? eb('m.id', '=', user.municipalityId) : NOTHING;
    }
  };
}
