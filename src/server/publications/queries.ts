// SQL for publications. Every read goes through `visiblePublications`, which applies the row
// policy of auth/rows/publications.ts: a reader sees the publications meant for them.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { CurrentUser } from '../auth/current-user.js';
import { publicationsInScope, seesPublicationsAsWriter } from '../auth/rows/publications.js';
import { anyText } from '../db/arrays.js';
import type { Db } from '../db/connection.js';
import type { Tx } from '../db/transaction.js';

export function visiblePublications(db: Db, viewer: CurrentUser) {
  return db.selectFrom('publications as p').where(publicationsInScope(viewer));
}

const READER_COLUMNS = ['p.id', 'p.title', 'p.body_html as bodyHtml', 'p.publish_at as publishAt'] as const;
// What the federal operator's editor needs on top; readers never learn who else a publication is for.
const WRITER_COLUMNS = [
  ...READER_COLUMNS,
  'p.body_markdown as bodyMarkdown',
  'p.audience_roles as audienceRoles',
  'p.audience_regions as audienceRegions',
  'p.created_at as createdAt',
  'p.updated_at as updatedAt',
] as const;

export type FileSummary = { id: number; name: string; contentType: string; sizeBytes: number };

export type PublicationRow = {
  id: number;
  title: string;
  bodyHtml: string;
  publishAt: Date;
  files: FileSummary[];
  bodyMarkdown?: string;
  audienceRoles?: string[];
  audienceRegions?: string[];
  createdAt?: Date;
  updatedAt?: Date;
};

/** The publication's columns for this viewer, and its completed files in the order attached. */
function withColumns(q: ReturnType<typeof visiblePublications>, viewer: CurrentUser) {
  return q
    .select(seesPublicationsAsWriter(viewer) ? WRITER_COLUMNS : READER_COLUMNS)
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('publication_files as f')
          .select(['f.id', 'f.name', 'f.content_type as contentType', 'f.size_bytes as sizeBytes'])
          .whereRef('f.publication_id', '=', 'p.id')
          .where('f.complete', '=', true)
          .orderBy('f.id'),
      ).as('files'),
    );
}

/** `%`, `_` and `\` typed by the user match themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page, newest first, with the total and each publication's files, in one round trip: the
 * list is what every reader opens, so it should cost one query.
 */
export async function listPublications(
  db: Db,
  viewer: CurrentUser,
  filter: { q?: string },
  page: { limit: number; offset: number },
) {
  let q = visiblePublications(db, viewer);
  if (filter.q) q = q.where('p.title', 'ilike', likePattern(filter.q));
  const rows = await withColumns(q, viewer)
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy('p.publish_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  // Past the last page there is no row to carry the total: count separately (rare).
  const total = rows[0]
    ? Number(rows[0].total)
    : Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { rows: rows.map(({ total: _, ...r }) => r as PublicationRow), total };
}

export async function getPublication(db: Db, viewer: CurrentUser, id: number) {
  const row = await withColumns(visiblePublications(db, viewer), viewer)
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row as PublicationRow | undefined;
}

export type PublicationValues = {
  title: string;
  bodyMarkdown: string;
  bodyHtml: string;
  audienceRoles: string[];
  audienceRegions: string[];
  publishAt: Date | null;
};

export async function insertPublication(db: Db, v: PublicationValues, createdBy: number | null) {
  const row = await db
    .insertInto('publications')
    .values({
      title: v.title,
      body_markdown: v.bodyMarkdown,
      body_html: v.bodyHtml,
      audience_roles: v.audienceRoles,
      audience_regions: v.audienceRegions,
      publish_at: v.publishAt ?? sql<Date>`now()`,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePublication(tx: Tx, id: number, v: Partial<PublicationValues>) {
  await tx
    .updateTable('publications')
    .set({
      title: v.title,
      body_markdown: v.bodyMarkdown,
      body_html: v.bodyHtml,
      audience_roles: v.audienceRoles,
      audience_regions: v.audienceRegions,
      publish_at: v.publishAt === null ? sql<Date>`now()` : v.publishAt,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function deletePublication(tx: Tx, id: number) {
  await tx.deleteFrom('publications').where('id', '=', id).execute();
}

/** Region codes among `codes` that do not exist. */
export async function unknownRegions(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  const found = await db.selectFrom('regions').select('code').where('code', '=', anyText(codes)).execute();
  const known = new Set(found.map((r) => r.code));
  return codes.filter((c) => !known.has(c));
}
