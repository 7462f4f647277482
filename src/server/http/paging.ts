// The paging every list shares: `page` from 1, `pageSize` up to 200. A page past the end is
// simply empty.
import { z } from 'zod';

export const PagingQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** Which rows of a list a page is: what a query's LIMIT and OFFSET take. */
export type PageWindow = { limit: number; offset: number };

export function pageWindow(q: { page: number; pageSize: number }): PageWindow {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

export function paged<T>(rows: T[], total: number, q: { page: number; pageSize: number }) {
  return { rows, total, page: q.page, pageSize: q.pageSize };
}

/** `?active=true|false` as a boolean; anything else is refused by the schema. */
export const BooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
