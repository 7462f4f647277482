// Reading a stored file's bytes back, in slices of READ_SLICE_BYTES.
//
// Why slices, and why a pg pool of its own when there is one: `pg` receives bytea in text form
// unless a query asks for binary results, and Kysely cannot ask. In text form every byte arrives
// as two hex digits, becomes a JavaScript string, then a Buffer: a 50 MB download allocated
// ~250 MB, and the server's memory grew by ~70 MB while it streamed (bench/publications.ts).
// Binary results in 64 KB slices allocate about twice the file, and the growth that remains is
// garbage waiting for collection (docs/ARCHITECTURE.md, "Publications and stored files").
// Without a pool (embedded PGlite, whose socket the app does not expose; tests), the same slices
// go through Kysely.
import { sql } from 'kysely';
import type pg from 'pg';
import type { Db } from '../db/connection.js';
import { CHUNK_BYTES } from './file-store.js';

export const READ_SLICE_BYTES = 64 * 1024;

const SLICE_SQL =
  'SELECT substring(data FROM $3 FOR $4) AS data FROM publication_file_chunks WHERE file_id = $1 AND seq = $2';

type SliceReader = (fileId: number, seq: number, offset: number) => Promise<Buffer | undefined>;

export function sliceReader(db: Db, pool?: pg.Pool): SliceReader {
  if (pool) {
    return async (fileId, seq, offset) => {
      // `binary` is pg's own option (results in binary format); its typings do not list it.
      const query = {
        text: SLICE_SQL,
        values: [fileId, seq, offset + 1, READ_SLICE_BYTES],
        binary: true,
      } as pg.QueryConfig;
      const r = await pool.query<{ data: Buffer }>(query);
      return r.rows[0]?.data;
    };
  }
  return async (fileId, seq, offset) => {
    const row = await db
      .selectFrom('publication_file_chunks')
      .select(sql<Buffer>`substring(data FROM ${offset + 1} FOR ${READ_SLICE_BYTES})`.as('data'))
      .where('file_id', '=', fileId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    return row?.data;
  };
}

/** The file's bytes in order, one slice per query: the consumer's pace decides when the next is read. */
export async function* readChunks(read: SliceReader, fileId: number): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq += 1) {
    for (let offset = 0; offset < CHUNK_BYTES; offset += READ_SLICE_BYTES) {
      const slice = await read(fileId, seq, offset);
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
