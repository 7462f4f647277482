// What the monitoring and export endpoints answer (src/server/monitoring, src/server/exports).
import type { FormDefinition } from '../../../shared/forms/definition.js';
import type { FormData } from '../../../shared/forms/validate.js';
import type { ResponseStatusCode } from '../../../shared/statuses.js';

/** GET /api/collections: the collections this coordinator (or the operator) watches. */
export type WatchedCollection = {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  open: boolean;
  /** A SQL count: may arrive as a string. */
  participants: number | string;
};

export type StatusCounts = { total: number; notStarted: number; inProgress: number; submitted: number };

export type DayPoint = { day: string; submitted: number; cumulative: number };

export type AreaCounts = StatusCounts & { key: string; name: string };

/** GET /api/monitoring/collections/:id/stats */
export type CollectionStats = StatusCounts & {
  collection: { id: number; title: string; open: boolean; startsAt: string; endsAt: string };
  byDay: DayPoint[];
  breakdownBy: 'region' | 'municipality';
  breakdown: AreaCounts[];
};

export const PARTICIPANT_SORTS = [
  'name',
  'code',
  'municipality',
  'status',
  'startedAt',
  'submittedAt',
] as const;
export type ParticipantSort = (typeof PARTICIPANT_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

export type ParticipantFilters = {
  q: string;
  status: ResponseStatusCode | '';
  municipalityId: string;
  sort: ParticipantSort;
  dir: SortDirection;
  page: number;
};

export type ParticipantRow = {
  responseId: number;
  organizationId: number;
  code: string;
  name: string;
  municipalityName: string;
  municipalityId: number;
  regionCode: string;
  status: ResponseStatusCode;
  startedAt: string | null;
  lastSubmittedAt: string | null;
  changedSinceSubmission: boolean;
};

export type ParticipantPage = { rows: ParticipantRow[]; total: number; page: number; pageSize: number };

/** GET /api/monitoring/responses/:id/submitted */
export type SubmittedView = {
  responseId: number;
  code: string;
  name: string;
  status: ResponseStatusCode;
  submittedAt: string | null;
  changedSinceSubmission: boolean;
} & ({ submitted: false } | { submitted: true; definition: FormDefinition; data: FormData });

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

/** GET /api/exports/:id, and each row of GET /api/monitoring/collections/:id/exports. */
export type ExportJob = {
  id: number;
  collectionId: number;
  status: ExportStatus;
  progress: number;
  organizations: number | null;
  error: string | null;
  fileName: string;
  sizeBytes: number | string | null;
  createdAt: string;
  finishedAt: string | null;
};
