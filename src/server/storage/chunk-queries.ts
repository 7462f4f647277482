// SQL for the database file store's chunks (database-store.ts); reads go through chunk-reader.ts.
import type { Db } from '../db/connection.js';

export async function insertChunk(db: Db, fileId: number, seq: number, data: Buffer) {
  await db.insertInto('publication_file_chunks').values({ file_id: fileId, seq, data }).execute();
}

export async function deleteChunks(db: Db, fileId: number) {
  await db.deleteFrom('publication_file_chunks').where('file_id', '=', fileId).execute();
}
