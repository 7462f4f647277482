// The default file store: a file's bytes as rows of publication_file_chunks, 256 KB each, so
// every server process on the same database serves every file. Each chunk is its own statement
// (no transaction spans the upload): a slow client must not hold a transaction, and on PGlite,
// which runs one transaction at a time, that would stall every other request.
import type pg from 'pg';
import type { Db } from '../db/connection.js';
import { deleteChunks, insertChunk } from './chunk-queries.js';
import { readChunks } from './chunk-reader.js';
import { CHUNK_BYTES, type FileStore, measured, rechunk, type StoredContent } from './file-store.js';

/** Writes go through Kysely; reads through `pool`, the pg pool `db` runs on (chunk-reader.ts). */
export function databaseFileStore(db: Db, pool: pg.Pool): FileStore {
  return {
    write: (fileId, source) => writeChunks(db, fileId, source),
    read: (fileId) => readChunks(pool, 'publication', fileId),
    async remove(fileId) {
      await deleteChunks(db, fileId);
    },
  };
}

/** The store's write on its own, for the demo seeder and the benchmark, which only write. */
export async function writeChunks(
  db: Db,
  fileId: number,
  source: AsyncIterable<Buffer>,
): Promise<StoredContent> {
  const { pieces, result } = measured(source);
  let seq = 0;
  for await (const chunk of rechunk(pieces, CHUNK_BYTES)) {
    await insertChunk(db, fileId, seq, chunk);
    seq += 1;
  }
  return result;
}
