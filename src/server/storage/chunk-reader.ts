// Reading stored bytes back (publication attachments, export files), in slices of
// READ_SLICE_BYTES, each slice one query.
//
// Why base64: `pg` receives bytea in text form, as two hex digits per byte, which its parser
// turns into a string and then a Buffer (a 50 MB download allocated ~250 MB). Asking `pg` for
// binary results does not help: it decodes every field as UTF-8 before any type parser runs, so
// bytes over 0x7F come back as U+FFFD (pg-protocol's DataRow parser: "binary mode not supported
// yet"). base64 costs a third more on the wire, and Node decodes it natively.
//
// Why the pg pool and not Kysely: each slice's string should die young. Read through Kysely's
// layers, V8 promoted nearly every one of them to the old generation in a freshly started
// server, where they waited for a full collection: the server grew by 50-80 MB during a 50 MB
// download. Through pool.query they die young (docs/ARCHITECTURE.md, "The server's V8 flags").
import type pg from 'pg';
import { CHUNK_BYTES } from './file-store.js';

export const READ_SLICE_BYTES = 64 * 1024;

/** The tables that keep bytes in CHUNK_BYTES chunks, (owner id, seq) → data. */
const SLICE_SQL = {
  publication: sliceSql('publication_file_chunks', 'file_id'),
  export: sliceSql('export_file_chunks', 'job_id'),
};
export type ChunkTable = keyof typeof SLICE_SQL;

function sliceSql(table: string, owner: string) {
  return (
    "SELECT encode(substring(data FROM $3 FOR $4), 'base64') AS data" +
    ` FROM ${table} WHERE ${owner} = $1 AND seq = $2`
  );
}

async function readSlice(pool: pg.Pool, table: ChunkTable, id: number, seq: number, offset: number) {
  const r = await pool.query<{ data: string }>(SLICE_SQL[table], [id, seq, offset + 1, READ_SLICE_BYTES]);
  const row = r.rows[0];
  return row ? Buffer.from(row.data, 'base64') : undefined;
}

/** The bytes of `id` in order, one slice per query: the consumer's pace decides when the next is read. */
export async function* readChunks(pool: pg.Pool, table: ChunkTable, id: number): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq += 1) {
    for (let offset = 0; offset < CHUNK_BYTES; offset += READ_SLICE_BYTES) {
      const slice = await readSlice(pool, table, id, seq, offset);
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
