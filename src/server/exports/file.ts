// An export's bytes, kept in the database in 256 KB chunks like publication files, so every
// process can serve a file that any process prepared. Both directions stream; reading back is
// storage/chunk-reader.ts, shared with publication files.
import type { Db } from '../db/connection.js';
import { CHUNK_BYTES, rechunk } from '../storage/file-store.js';
import { deleteChunks, insertChunk } from './queries.js';

/** Stores what `source` yields as the file of `jobId` (replacing an earlier attempt's); returns the size. */
export async function storeExportFile(db: Db, jobId: number, source: AsyncIterable<Buffer>): Promise<number> {
  await deleteChunks(db, jobId);
  let seq = 0;
  let size = 0;
  for await (const chunk of rechunk(source, CHUNK_BYTES)) {
    await insertChunk(db, jobId, seq++, chunk);
    size += chunk.length;
  }
  return size;
}
