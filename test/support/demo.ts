// What several tests need from the demo data: its open collection, and a one-cell form for
// collections of their own.
import type { Db } from '../../src/server/db/connection.js';

/** The demo's open collection (Moscow's organizations and the schools of five regions). */
export function openDemoCollection(db: Db) {
  return db
    .selectFrom('collections')
    .select(['id', 'form_version_id as formVersionId'])
    .where('closed_at', 'is', null)
    .where('ends_at', '>', new Date())
    .orderBy('id')
    .executeTakeFirstOrThrow();
}

export async function openDemoCollectionId(db: Db) {
  return (await openDemoCollection(db)).id;
}

/** A form of one integer cell, `t.r.n`. */
export const ONE_CELL_FORM = {
  title: 'Т',
  tables: [
    {
      key: 't',
      title: 'Т',
      columns: [{ key: 'n', header: 'N', type: 'integer' }],
      rows: { kind: 'fixed', items: [{ key: 'r', label: 'R' }] },
    },
  ],
};
