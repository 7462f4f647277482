// Row filters that keep every query inside the user's scope. Each directory query that reads
// tenant data applies one of these; nothing outside the scope is ever selected.
import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CurrentUser } from './current-user.js';

type OrgEb = ExpressionBuilder<Database & { o: Database['organizations'] }, 'o'>;
type MunEb = ExpressionBuilder<Database & { m: Database['municipalities'] }, 'm'>;
type RegionEb = ExpressionBuilder<Database & { r: Database['regions'] }, 'r'>;

const NOTHING = sql<boolean>`false`;
const EVERYTHING = sql<boolean>`true`;

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

/** Regions (aliased `r`) the user may see. */
export function regionsInScope(user: CurrentUser) {
  return (eb: RegionEb) =>
    user.role === 'federal' ? EVERYTHING : user.regionCode ? eb('r.code', '=', user.regionCode) : NOTHING;
}

type ResponseEb = ExpressionBuilder<Database & { resp: Database['responses'] }, 'resp'>;

/**
 * Responses (aliased `resp`, one per participant) the user may see. It reads the participant row's
 * copy of its organization's territory, which the database keeps equal to the organization's
 * (a foreign key that cascades a move, migration 0009), so that monitoring's indexes serve it.
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
