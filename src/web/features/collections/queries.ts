// Reading collections through TanStack Query. Keys start with 'collections' so that one
// invalidation after an action refreshes the list and the page.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import type { Collection, CollectionRow } from './types.js';

export const COLLECTIONS_KEY = 'collections';

export function useCollections() {
  return useQuery({
    queryKey: [COLLECTIONS_KEY, 'list'],
    queryFn: () => api.get<{ rows: CollectionRow[] }>('/api/collections'),
  });
}

export function useCollection(id: string | undefined) {
  return useQuery({
    queryKey: [COLLECTIONS_KEY, 'one', id],
    queryFn: () => api.get<Collection>(`/api/collections/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}
