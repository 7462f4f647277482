// SQL for regions and municipalities, always narrowed to the viewer's scope.
import type { CurrentUser } from '../../auth/current-user.js';
import { municipalitiesInScope, regionsInScope } from '../../auth/rows/geography.js';
import type { Db } from '../../db/connection.js';

export function listRegions(db: Db, viewer: CurrentUser) {
  return db
    .selectFrom('regions as r')
    .select((eb) => [
      'r.code',
      'r.name',
      'r.timezone',
      eb
        .selectFrom('organizations as o')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('o.region_code', '=', 'r.code')
        .as('organizations'),
      eb
        .selectFrom('municipalities as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.region_code', '=', 'r.code')
        .as('municipalities'),
    ])
    .where(regionsInScope(viewer))
    .orderBy('r.code')
    .execute();
}

export function getRegion(db: Db, viewer: CurrentUser, code: string) {
  return db
    .selectFrom('regions as r')
    .select(['r.code', 'r.name', 'r.timezone'])
    .where('r.code', '=', code)
    .where(regionsInScope(viewer))
    .executeTakeFirst();
}

function municipalitiesBase(db: Db, viewer: CurrentUser) {
  return db
    .selectFrom('municipalities as m')
    .innerJoin('regions as r', 'r.code', 'm.region_code')
    .where(municipalitiesInScope(viewer));
}

const MUNICIPALITY_COLUMNS = [
  'm.id',
  'm.code',
  'm.name',
  'm.region_code as regionCode',
  'r.name as regionName',
] as const;

export async function listMunicipalities(
  db: Db,
  viewer: CurrentUser,
  f: { regionCode?: string; q?: string },
  page: { limit: number; offset: number },
) {
  let q = municipalitiesBase(db, viewer);
  if (f.regionCode) q = q.where('m.region_code', '=', f.regionCode);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb('m.code', 'like', like), eb(eb.fn('lower', ['m.name']), 'like', like)]));
  }
  const [rows, count] = await Promise.all([
    q
      .select(MUNICIPALITY_COLUMNS)
      .select((eb) =>
        eb
          .selectFrom('organizations as o')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('o.municipality_id', '=', 'm.id')
          .as('organizations'),
      )
      .orderBy('m.code')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function getMunicipality(db: Db, viewer: CurrentUser, id: number) {
  return municipalitiesBase(db, viewer)
    .select(MUNICIPALITY_COLUMNS)
    .where('m.id', '=', id)
    .executeTakeFirst();
}
