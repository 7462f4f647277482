// The default file store: a file's bytes as rows of publication_file_chunks, 256 KB each, so
// every server process on the same database serves every file. Each chunk is its own statement
// (no transaction spans the upload): a slow client must not hold a transaction, and on PGlite,
// which runs one transaction at a time, that would stall every other request.
import type { Db } from '../db/connection.js';
import { readChunks } from './chunk-reader.js';
import { CHUNK_BYTES, type FileStore, measured, rechunk } from './file-store.js';

export function databaseFileStore(db: Db): FileStore {
  return {
    async write(fileId, source) {
      const { pieces, result } = measured(source);
      let seq = 0;
      for await (const chunk of rechunk(pieces, CHUNK_BYTES)) {
        await db
          .insertInto('publication_file_chunks')
          .values({ file_id: fileId, seq, data: chunk })
          .execute();
        seq += 1;
      }
      return result;
    },

    read(fileId) {
      return readChunks(db, fileId);
    },

    async remove(fileId) {
      await db.deleteFrom('publication_file_chunks').where('file_id', '=', fileId).execute();
    },
  };
}
