// The one way to open a transaction for a write. A write service takes `Tx`, which only
// `inTransaction` makes: handing it the pool (a plain `Db`) does not compile, so a write cannot
// forget its transaction and store a change without its audit entry. A `Tx` is still a `Db`, so
// read queries take either.
import type { Transaction } from 'kysely';
import type { Db } from './connection.js';
import type { Database } from './schema.js';

declare const inTransactionBrand: unique symbol;

/** A transaction opened by `inTransaction`; nothing else has this type. */
export type Tx = Transaction<Database> & { readonly [inTransactionBrand]: true };

/** Runs `work` in one transaction: all of it lands, or none of it. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute((tx) => work(tx as Tx));
}
