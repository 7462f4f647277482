// An export's bytes, kept in the database in 256 KB chunks like publication files, so every
// process can serve a file that any process prepared. Both directions stream; reading back is
// storage/chunk-reader.ts, shared with publication files.
import type { Db } from '../db/connection.js';
import { CHUNK_BYTES, rechunk } from '../storage/file-store.js';
import { deleteChunks, insertChunk, type Lease } from './queries.js';

/** Another runner has claimed the job: this one must stop, and has written nothing since. */
export class LeaseLost extends Error {
  constructor(lease: Lease) {
    super(`export job ${lease.jobId}: attempt ${lease.attempt} was taken over by another runner`);
  }
}

/** Stores what `source` yields as the file of the leased job (replacing an earlier attempt's); returns the size. */
export async function storeExportFile(db: Db, lease: Lease, source: AsyncIterable<Buffer>): Promise<number> {
  if (!(await deleteChunks(db, lease))) throw new LeaseLost(lease);
  let seq = 0;
  let size = 0;
  for await (const chunk of rechunk(source, CHUNK_BYTES)) {
    if (!(await insertChunk(db, lease, seq++, chunk))) throw new LeaseLost(lease);
    size += chunk.length;
  }
  return size;
}
