// Reading collections through TanStack Query. Keys start with 'collections' so that one
// invalidation after an action refreshes the list and the page.
import { useQuery } from '@tanstack/react-query';
import type { collectionResponses } from '../../../shared/api/collections.js';
import type { Answer } from '../../../shared/api/common.js';
import { api } from '../../app/api.js';

export const COLLECTIONS_KEY = 'collections';

export function useCollections() {
  return useQuery({
    queryKey: [COLLECTIONS_KEY, 'list'],
    queryFn: () => api.get<Answer<typeof collectionResponses.list>>('/api/collections'),
  });
}

export function useCollection(id: string | undefined) {
  return useQuery({
    queryKey: [COLLECTIONS_KEY, 'one', id],
    queryFn: () =>
      api.get<Answer<typeof collectionResponses.one>>(`/api/collections/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}
