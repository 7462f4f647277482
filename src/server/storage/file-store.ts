// Where the bytes of stored files live, behind a small interface so that object storage could
// replace the default (the database, storage/database-store.ts) without touching the services.
// Both directions stream: no implementation may hold a whole file in memory.
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.js';

/** The size of the pieces files are stored and streamed in. */
export const CHUNK_BYTES = 256 * 1024;

export type StoredContent = { sizeBytes: number; sha256: string };

export interface FileStore {
  /**
   * Stores `source` as the content of file `fileId`, piece by piece as it arrives. If `source`
   * throws, the error propagates and the caller discards the file with `remove`.
   */
  write(fileId: number, source: AsyncIterable<Buffer>): Promise<StoredContent>;
  /** The content of file `fileId`, in order, read piece by piece as the consumer pulls. */
  read(fileId: number): AsyncIterable<Buffer>;
  /** Forgets the content of file `fileId` (the database store also loses it with its file row). */
  remove(fileId: number): Promise<void>;
}

export type FileStoreFactory = (db: Db) => FileStore;

/** Regroups a stream of pieces of any size into pieces of exactly `size` bytes (the last one shorter). */
export async function* rechunk(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    let rest = piece;
    while (pendingBytes + rest.length >= size) {
      const take = size - pendingBytes;
      pending.push(rest.subarray(0, take));
      yield Buffer.concat(pending, size);
      rest = rest.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (rest.length) {
      pending.push(rest);
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes) yield Buffer.concat(pending, pendingBytes);
}

/** Passes the pieces through while counting and hashing them. */
export function measured(source: AsyncIterable<Buffer>) {
  const hash = createHash('sha256');
  const result = { sizeBytes: 0, sha256: '' };
  async function* pass() {
    for await (const piece of source) {
      hash.update(piece);
      result.sizeBytes += piece.length;
      yield piece;
    }
    result.sha256 = hash.digest('hex');
  }
  return { pieces: pass(), result };
}
