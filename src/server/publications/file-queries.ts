// SQL for a publication's attached files. A file is read only through a publication the viewer
// may see (`visiblePublications`), and only once its upload has completed.
import { sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { deleteDueBatch } from '../db/batches.js';
import type { Db } from '../db/connection.js';
import { visiblePublications } from './queries.js';

export type FileRow = {
  id: number;
  publicationId: number;
  name: string;
  contentType: string;
  sizeBytes: number;
};

const FILE_COLUMNS = [
  'f.id',
  'f.publication_id as publicationId',
  'f.name',
  'f.content_type as contentType',
  'f.size_bytes as sizeBytes',
] as const;

export function getVisibleFile(db: Db, viewer: CurrentUser, publicationId: number, fileId: number) {
  return visiblePublications(db, viewer)
    .innerJoin('publication_files as f', 'f.publication_id', 'p.id')
    .select([...FILE_COLUMNS, 'f.sha256'])
    .where('p.id', '=', publicationId)
    .where('f.id', '=', fileId)
    .where('f.complete', '=', true)
    .executeTakeFirst();
}

/** A row for a file whose content is about to stream in; it stays invisible until completed. */
export async function insertPendingFile(
  db: Db,
  v: { publicationId: number; name: string; contentType: string },
) {
  const row = await db
    .insertInto('publication_files')
    .values({ publication_id: v.publicationId, name: v.name, content_type: v.contentType })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function completeFile(db: Db, id: number, content: { sizeBytes: number; sha256: string }) {
  await db
    .updateTable('publication_files')
    .set({ complete: true, size_bytes: content.sizeBytes, sha256: content.sha256 })
    .where('id', '=', id)
    .execute();
}

export async function deleteFileRow(db: Db, id: number) {
  await db.deleteFrom('publication_files').where('id', '=', id).execute();
}

/**
 * One batch of uploads left incomplete by a process that stopped mid-way (ops/maintenance.ts); a
 * live upload is never this old. Their chunks go with them (by cascade, in the database store).
 */
export function deleteAbandonedUploads(db: Db, limit: number) {
  const due = sql<boolean>`NOT complete AND created_at < now() - interval '1 day'`;
  return deleteDueBatch(db, 'publication_files', due, limit);
}
