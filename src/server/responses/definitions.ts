// Form definitions by version id, cached: a version that a collection uses never changes (the
// database refuses), and only such versions have responses, so the cache never goes stale.
import type { FormDefinition } from '../../shared/forms/definition.js';
import { type CellRef, inputCellMap } from '../../shared/forms/layout.js';
import type { Db } from '../db/connection.js';
import { getVersionDefinition } from './queries.js';

export type LoadedDefinition = { definition: FormDefinition; fixedInputs: Map<string, CellRef> };

const cache = new Map<number, LoadedDefinition>();

export async function loadDefinition(db: Db, versionId: number): Promise<LoadedDefinition> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const row = await getVersionDefinition(db, versionId);
  const loaded = { definition: row.definition, fixedInputs: inputCellMap(row.definition) };
  if (cache.size > 500) cache.clear();
  cache.set(versionId, loaded);
  return loaded;
}
