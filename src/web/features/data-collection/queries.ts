// Reading and submitting responses through TanStack Query. The editor's data is read once per
// visit: refetching under a person who is typing would replace what they see.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../shared/api/common.js';
import type { responseResponses } from '../../../shared/api/responses.js';
import { api } from '../../app/api.js';

export const DATA_COLLECTION_KEY = ['data-collection'] as const;

export function useDataCollectionBlocks(enabled: boolean) {
  return useQuery({
    queryKey: DATA_COLLECTION_KEY,
    queryFn: () => api.get<Answer<typeof responseResponses.blocks>>('/api/niko/data-collection'),
    enabled,
    // The block is the place to see that «Данные переданы» after «Сдать отчет».
    staleTime: 0,
  });
}

export function useResponseForEditor(id: number) {
  return useQuery({
    queryKey: ['response', id],
    queryFn: () => api.get<Answer<typeof responseResponses.editor>>(`/api/responses/${id}`),
    enabled: Number.isInteger(id) && id > 0,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** A cell's «История», newest first, a page at a time («Показать ещё»). */
export function useCellHistory(responseId: number, cell: string) {
  return useInfiniteQuery({
    queryKey: ['response', responseId, 'history', cell],
    queryFn: ({ pageParam }) =>
      api.get<Answer<typeof responseResponses.history>>(`/api/responses/${responseId}/history`, {
        cell,
        beforeVersion: pageParam,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeVersion ?? undefined,
    staleTime: 0,
    gcTime: 0,
  });
}

export function submitResponse(id: number) {
  return api.post<Answer<typeof responseResponses.submitted>>(`/api/responses/${id}/submit`);
}
