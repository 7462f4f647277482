// Monitoring through TanStack Query. Statistics are live: refetched every 10 s while a collection
// is open, and whenever the window gets focus again, so a new submission shows without a reload.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { collectionResponses } from '../../../shared/api/collections.js';
import type { Answer } from '../../../shared/api/common.js';
import type { exportResponses, monitoringResponses } from '../../../shared/api/monitoring.js';
import type { reviewResponses } from '../../../shared/api/review.js';
import { api } from '../../app/api.js';
import type { ParticipantFilters } from './types.js';

export const MONITORING_KEY = 'monitoring';
export const LIVE_INTERVAL_MS = 10_000;
export const PARTICIPANTS_PAGE_SIZE = 50;

export function useWatchedCollections() {
  return useQuery({
    queryKey: [MONITORING_KEY, 'collections'],
    queryFn: () => api.get<Answer<typeof collectionResponses.list>>('/api/collections'),
  });
}

export function useCollectionStats(collectionId: number, regionCode: string, live: boolean, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [MONITORING_KEY, 'stats', collectionId, regionCode],
    queryFn: () =>
      api.get<Answer<typeof monitoringResponses.stats>>(`/api/monitoring/collections/${collectionId}/stats`, {
        regionCode,
      }),
    // A closed collection changes only when the operator reopens it: focus still refreshes it.
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
    refetchOnWindowFocus: 'always',
    // Switching the region keeps the old figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

/**
 * `countsStamp` changes with the live figures: the open list is then read again, so its statuses
 * never disagree with «Общая статистика» for long.
 */
export function useParticipants(
  collectionId: number,
  regionCode: string,
  f: ParticipantFilters,
  countsStamp: string,
) {
  return useQuery({
    queryKey: [MONITORING_KEY, 'participants', collectionId, regionCode, f, countsStamp],
    queryFn: () =>
      api.get<Answer<typeof monitoringResponses.participants>>(
        `/api/monitoring/collections/${collectionId}/participants`,
        {
          ...f,
          regionCode,
          pageSize: PARTICIPANTS_PAGE_SIZE,
        },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSubmittedData(responseId: number) {
  return useQuery({
    queryKey: [MONITORING_KEY, 'submitted', responseId],
    queryFn: () =>
      api.get<Answer<typeof monitoringResponses.submitted>>(
        `/api/monitoring/responses/${responseId}/submitted`,
      ),
    staleTime: 0,
  });
}

export const exportsKey = (collectionId: number) => [MONITORING_KEY, 'exports', collectionId];

export function useRecentExports(collectionId: number) {
  return useQuery({
    queryKey: exportsKey(collectionId),
    queryFn: () =>
      api.get<Answer<typeof exportResponses.list>>(`/api/monitoring/collections/${collectionId}/exports`),
  });
}

export const exportJobKey = (jobId: number | null) => [MONITORING_KEY, 'export', jobId];

/** One export job, asked about every second until it is done or failed. */
export function useExportJob(jobId: number | null) {
  return useQuery({
    queryKey: exportJobKey(jobId),
    queryFn: () => api.get<Answer<typeof exportResponses.one>>(`/api/exports/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === 'done' || status === 'failed' ? false : 1000;
    },
  });
}

export function requestExport(collectionId: number, regionCode: string) {
  return api.post<Answer<typeof exportResponses.requested>>(
    `/api/monitoring/collections/${collectionId}/exports`,
    regionCode ? { regionCode } : {},
  );
}

export const downloadUrl = (jobId: number) => `/api/exports/${jobId}/download`;

export type ReviewBody = {
  decision: 'accept' | 'return';
  comment?: string;
  extendedUntil?: string;
};

/**
 * «Принять» / «Вернуть на доработку» for one report or several (one transaction on the server:
 * all or none).
 */
export function reviewReports(responseIds: number[], body: ReviewBody) {
  return api.post<Answer<typeof reviewResponses.many>>('/api/responses/review', { responseIds, ...body });
}

/** Every change of a report's review state, newest first («История проверки»). */
export function useReviewHistory(responseId: number, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [MONITORING_KEY, 'review-history', responseId],
    queryFn: () =>
      api.get<Answer<typeof reviewResponses.history>>(`/api/responses/${responseId}/review-history`),
    staleTime: 0,
  });
}
