// Publications: what a reader sees (only those meant for them, each with its files), and the
// federal operator's writes, each audited in the same transaction.
import { audit } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import type { Tx } from '../db/transaction.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { renderMarkdown } from './markdown.js';
import {
  deletePublication,
  getPublication,
  insertPublication,
  listPublications,
  type PublicationRow,
  unknownRegions,
  updatePublication,
} from './queries.js';

export type PublicationInput = {
  title: string;
  bodyMarkdown: string;
  audienceRoles: string[];
  audienceRegions: string[];
  /** null or absent: at once. */
  publishAt?: string | null;
};

/** Each file with the address it downloads from. */
function withUrls(row: PublicationRow) {
  return {
    ...row,
    files: row.files.map((f) => ({ ...f, url: `/api/publications/${row.id}/files/${f.id}` })),
  };
}

export async function publicationList(
  db: Db,
  ctx: RequestContext,
  filter: { q?: string },
  page: { limit: number; offset: number },
) {
  const { rows, total } = await listPublications(db, userOf(ctx), filter, page);
  return { rows: rows.map(withUrls), total };
}

export async function publicationDetails(db: Db, ctx: RequestContext, id: number) {
  const row = await getPublication(db, userOf(ctx), id);
  if (!row) throw Problem.notFound('Публикация не найдена.');
  return withUrls(row);
}

/** The audience as stored: sorted and without repeats, so that edits compare cleanly. */
async function checkedValues(db: Db, input: Partial<PublicationInput>) {
  const roles = input.audienceRoles && [...new Set(input.audienceRoles)].sort();
  const regions = input.audienceRegions && [...new Set(input.audienceRegions)].sort();
  if (regions) {
    const unknown = await unknownRegions(db, regions);
    if (unknown.length) {
      const message = `Нет таких регионов: ${unknown.join(', ')}.`;
      throw Problem.badRequest(message, [{ path: 'body/audienceRegions', message }]);
    }
  }
  return {
    title: input.title,
    bodyMarkdown: input.bodyMarkdown,
    bodyHtml: input.bodyMarkdown === undefined ? undefined : renderMarkdown(input.bodyMarkdown),
    audienceRoles: roles,
    audienceRegions: regions,
    publishAt: input.publishAt === undefined ? undefined : input.publishAt ? new Date(input.publishAt) : null,
  };
}

export async function createPublication(tx: Tx, ctx: RequestContext, input: PublicationInput) {
  const v = await checkedValues(tx, input);
  const id = await insertPublication(
    tx,
    {
      title: input.title,
      bodyMarkdown: input.bodyMarkdown,
      bodyHtml: v.bodyHtml ?? '',
      audienceRoles: v.audienceRoles ?? [],
      audienceRegions: v.audienceRegions ?? [],
      publishAt: v.publishAt ?? null,
    },
    userOf(ctx).id,
  );
  const { bodyMarkdown: _, ...details } = input;
  await audit(tx, ctx, { action: 'publication.created', objectType: 'publication', objectId: id, details });
  return id;
}

export async function editPublication(
  tx: Tx,
  ctx: RequestContext,
  id: number,
  patch: Partial<PublicationInput>,
) {
  const before = await getPublication(tx, userOf(ctx), id);
  if (!before) throw Problem.notFound('Публикация не найдена.');
  await updatePublication(tx, id, await checkedValues(tx, patch));
  const { bodyMarkdown, ...changed } = patch;
  await audit(tx, ctx, {
    action: 'publication.updated',
    objectType: 'publication',
    objectId: id,
    details: { ...changed, bodyChanged: bodyMarkdown !== undefined && bodyMarkdown !== before.bodyMarkdown },
  });
}

export async function removePublication(tx: Tx, ctx: RequestContext, id: number) {
  const before = await getPublication(tx, userOf(ctx), id);
  if (!before) throw Problem.notFound('Публикация не найдена.');
  await deletePublication(tx, id);
  await audit(tx, ctx, {
    action: 'publication.deleted',
    objectType: 'publication',
    objectId: id,
    details: { title: before.title },
  });
}
