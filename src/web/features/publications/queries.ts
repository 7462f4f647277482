// Reading and writing publications through TanStack Query. Every key starts with 'publications'
// so that one invalidation after a write refreshes the list and the editor.
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../../../shared/api/common.js';
import type { publicationResponses } from '../../../shared/api/publications.js';
import { api } from '../../app/api.js';
import { useSession } from '../../app/session.js';
import type { PublicationInput } from './types.js';

export const PUBLICATIONS_KEY = 'publications';
export const PAGE_SIZE = 20;

/** The reader's list, newest first, a page at a time («Показать ещё»), optionally searched by title. */
export function usePublicationList(q: string) {
  return useInfiniteQuery({
    queryKey: [PUBLICATIONS_KEY, 'list', q],
    queryFn: ({ pageParam }) =>
      api.get<Answer<typeof publicationResponses.list>>('/api/publications', {
        q,
        page: pageParam,
        pageSize: PAGE_SIZE,
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export function usePublication(id: number | undefined) {
  return useQuery({
    queryKey: [PUBLICATIONS_KEY, 'one', id],
    queryFn: () => api.get<Answer<typeof publicationResponses.one>>(`/api/publications/${id}`),
    enabled: id !== undefined,
  });
}

export function useInvalidatePublications() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: [PUBLICATIONS_KEY] });
}

export const savePublication = (id: number | undefined, input: PublicationInput) =>
  id === undefined
    ? api.post<Answer<typeof publicationResponses.created, 201>>('/api/publications', input)
    : api.patch<Answer<typeof publicationResponses.one>>(`/api/publications/${id}`, input);

export const deletePublication = (id: number) => api.delete(`/api/publications/${id}`);
export const deleteFile = (url: string) => api.delete(url);
export const previewMarkdown = (bodyMarkdown: string) =>
  api.post<Answer<typeof publicationResponses.preview>>('/api/publications/preview', { bodyMarkdown });

/** The server grants 'publications.write' to the federal operator only (src/server/auth/policy.ts). */
export function useCanWritePublications(): boolean {
  return (useSession().permissions as readonly string[]).includes('publications.write');
}
