// Regions and municipalities as the viewer sees them (the row policy: auth/rows/geography.ts).
import type { Db } from '../../db/connection.js';
import { type RequestContext, userOf } from '../../http/context.js';
import type { PageWindow } from '../../http/paging.js';
import { Problem } from '../../http/problem.js';
import { getMunicipality, getRegion, listMunicipalities, listRegions } from './queries.js';

export function regionList(db: Db, ctx: RequestContext) {
  return listRegions(db, userOf(ctx));
}

/** A region with all its municipalities; `code` is already known to be two digits, or undefined. */
export async function regionDetails(db: Db, ctx: RequestContext, code: string | undefined) {
  const viewer = userOf(ctx);
  const region = code ? await getRegion(db, viewer, code) : undefined;
  if (!region) throw Problem.notFound('Регион не найден.');
  const municipalities = await listMunicipalities(
    db,
    viewer,
    { regionCode: region.code },
    { limit: 1000, offset: 0 },
  );
  return { ...region, municipalities: municipalities.rows };
}

export function municipalitiesPage(
  db: Db,
  ctx: RequestContext,
  filter: { regionCode?: string; q?: string },
  window: PageWindow,
) {
  return listMunicipalities(db, userOf(ctx), filter, window);
}

export async function municipalityDetails(db: Db, ctx: RequestContext, id: number) {
  const m = await getMunicipality(db, userOf(ctx), id);
  if (!m) throw Problem.notFound('Муниципалитет не найден.');
  return m;
}
