// Facts about the demo data that many tests look up.
import type { Db } from '../../src/server/db/connection.js';

/** The demo's open collection (started a week ago, ends in two weeks). */
export function openDemoCollection(db: Db) {
  return db
    .selectFrom('collections')
    .select(['id', 'form_version_id as formVersionId'])
    .where('closed_at', 'is', null)
    .where('ends_at', '>', new Date())
    .orderBy('id')
    .executeTakeFirstOrThrow();
}
