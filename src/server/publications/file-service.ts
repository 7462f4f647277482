// A publication's attached files: storing an upload (streamed into the file store, made visible
// only once complete), serving a download (streamed out, audited), and removing a file.
import { Readable } from 'node:stream';
import { audit, auditEvent } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import type { Tx } from '../db/transaction.js';
import { inTransaction } from '../db/transaction.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import type { FileStore } from '../storage/file-store.js';
import { completeFile, deleteFileRow, getVisibleFile, insertPendingFile } from './file-queries.js';
import type { IncomingFile } from './upload.js';

export type StoredAttachment = {
  fileId: number;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
};

/** Streams the file into the store as a file that nobody sees yet (see `publishAttachment`). */
export async function storeAttachment(
  db: Db,
  store: FileStore,
  publicationId: number,
  file: IncomingFile,
): Promise<StoredAttachment> {
  const contentType = file.type.contentType;
  const fileId = await insertPendingFile(db, { publicationId, name: file.name, contentType });
  try {
    const content = await store.write(fileId, file.content);
    return { fileId, name: file.name, contentType, ...content };
  } catch (err) {
    // Refused or broken off: nothing of it stays.
    await discardAttachment(db, store, { fileId });
    throw err;
  }
}

export async function discardAttachment(db: Db, store: FileStore, stored: { fileId: number }) {
  await store.remove(stored.fileId);
  await deleteFileRow(db, stored.fileId);
}

/** Once the whole request is in: the file joins its publication, audited in the same transaction. */
export async function publishAttachment(
  db: Db,
  ctx: RequestContext,
  publicationId: number,
  stored: StoredAttachment,
) {
  const { fileId, name, contentType, sizeBytes, sha256 } = stored;
  await inTransaction(db, async (tx) => {
    await completeFile(tx, fileId, { sizeBytes, sha256 });
    await audit(tx, ctx, {
      action: 'publication.file_added',
      objectType: 'publication',
      objectId: publicationId,
      details: { fileId, name, sizeBytes, sha256 },
    });
  });
  return {
    id: fileId,
    name,
    contentType,
    sizeBytes,
    url: `/api/publications/${publicationId}/files/${fileId}`,
  };
}

/** The file's description and a stream of its bytes; the download is audited before a byte goes out. */
export async function openDownload(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  publicationId: number,
  fileId: number,
) {
  const file = await getVisibleFile(db, userOf(ctx), publicationId, fileId);
  if (!file) throw Problem.notFound('Файл не найден.');
  await auditEvent(db, ctx, {
    action: 'publication.file_downloaded',
    objectType: 'publication',
    objectId: publicationId,
    details: { fileId, name: file.name },
  });
  // One piece of read-ahead: the socket's own buffer does the rest.
  const body = Readable.from(exactly(store.read(fileId), file.sizeBytes), {
    objectMode: false,
    highWaterMark: 64 * 1024,
  });
  return { file, body };
}

/**
 * Ends as soon as the announced size is sent (no extra read to find the end, so the response
 * finishes when the client has everything), and fails the stream, and so the response, rather
 * than send fewer bytes than announced.
 */
async function* exactly(source: AsyncIterable<Buffer>, sizeBytes: number) {
  let sent = 0;
  if (sizeBytes === 0) return;
  for await (const piece of source) {
    const rest = sizeBytes - sent;
    const out = piece.length > rest ? piece.subarray(0, rest) : piece;
    sent += out.length;
    yield out;
    if (sent === sizeBytes) return;
  }
  throw new Error(`stored file is ${sent} bytes, expected ${sizeBytes}`);
}

export async function removeAttachment(tx: Tx, ctx: RequestContext, publicationId: number, fileId: number) {
  const file = await getVisibleFile(tx, userOf(ctx), publicationId, fileId);
  if (!file) throw Problem.notFound('Файл не найден.');
  await deleteFileRow(tx, fileId);
  await audit(tx, ctx, {
    action: 'publication.file_deleted',
    objectType: 'publication',
    objectId: publicationId,
    details: { fileId, name: file.name },
  });
}
