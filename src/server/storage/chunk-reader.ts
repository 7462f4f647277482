// Reading a stored file's bytes back, in slices of READ_SLICE_BYTES, each slice one query.
//
// Why base64: `pg` receives bytea in text form, as two hex digits per byte, which its parser
// turns into a string and then a Buffer (a 50 MB download allocated ~250 MB). Asking `pg` for
// binary results does not help: it decodes every field as UTF-8 before any type parser runs, so
// bytes over 0x7F come back as U+FFFD (pg-protocol's DataRow parser: "binary mode not supported
// yet"). base64 costs a third more on the wire, Node decodes it natively, and both engines run
// the same query. Each slice's string dies young, provided V8 does not pretenure pg's row
// objects (docs/ARCHITECTURE.md, "Publications and stored files").
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';
import { CHUNK_BYTES } from './file-store.js';

export const READ_SLICE_BYTES = 64 * 1024;

async function readSlice(db: Db, fileId: number, seq: number, offset: number) {
  const row = await db
    .selectFrom('publication_file_chunks')
    .select(
      sql<string>`encode(substring(data FROM ${offset + 1} FOR ${READ_SLICE_BYTES}), 'base64')`.as('data'),
    )
    .where('file_id', '=', fileId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row ? Buffer.from(row.data, 'base64') : undefined;
}

/** The file's bytes in order, one slice per query: the consumer's pace decides when the next is read. */
export async function* readChunks(db: Db, fileId: number): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq += 1) {
    for (let offset = 0; offset < CHUNK_BYTES; offset += READ_SLICE_BYTES) {
      const slice = await readSlice(db, fileId, seq, offset);
      // No such chunk: the file has ended (on a chunk boundary, if offset is 0).
      if (!slice || slice.length === 0) return;
      yield slice;
      // A short slice is the end of the file's last chunk.
      if (slice.length < READ_SLICE_BYTES) {
        if (offset + slice.length < CHUNK_BYTES) return;
        break;
      }
    }
  }
}
