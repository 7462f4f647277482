// The participant list's sorting and filters as the page keeps them. What the monitoring and
// export endpoints answer is declared in src/shared/api/monitoring.ts.
import type { ResponseStatusCode, ReviewStateCode } from '../../../shared/statuses.js';

export const PARTICIPANT_SORTS = [
  'name',
  'code',
  'municipality',
  'status',
  'startedAt',
  'submittedAt',
  'review',
] as const;
export type ParticipantSort = (typeof PARTICIPANT_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

export type ParticipantFilters = {
  q: string;
  status: ResponseStatusCode | '';
  /** Submitted reports in this review state only. */
  review: ReviewStateCode | '';
  municipalityId: string;
  sort: ParticipantSort;
  dir: SortDirection;
  page: number;
};
