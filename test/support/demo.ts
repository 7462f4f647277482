// The demo data as tests need it: the id of the demo's open collection.
import type { Db } from '../../src/server/db/connection.js';

/** The demo's open collection (src/server/demo/collections.ts): started a week ago, ends in two weeks. */
export async function openCollectionId(db: Db): Promise<number> {
  const open = await db
    .selectFrom('collections')
    .select('id')
    .where('closed_at', 'is', null)
    .where('ends_at', '>', new Date())
    .executeTakeFirstOrThrow();
  return open.id;
}
