// What the monitoring and export endpoints answer (src/server/monitoring, src/server/exports;
// docs/API.md "Monitoring" and "Exports").
import { z } from 'zod';
import type { FormData } from '../forms/validate.js';
import { RESPONSE_STATUSES } from '../statuses.js';
import { binaryFile, Paged, Rows, responses, Timestamp, type Wire } from './common.js';
import { XLSX } from './directory.js';
import { StoredDefinition } from './forms.js';
import { ReviewNote, ReviewState } from './review.js';

const Status = z.enum(RESPONSE_STATUSES);

const COUNTS = {
  total: z.number(),
  notStarted: z.number(),
  inProgress: z.number(),
  submitted: z.number(),
};
export const StatusCounts = z.object(COUNTS);
export type StatusCounts = Wire<typeof StatusCounts>;

export const DayPoint = z.object({ day: z.string(), submitted: z.number(), cumulative: z.number() });
export type DayPoint = Wire<typeof DayPoint>;

export const AreaCounts = z.object({ key: z.string(), name: z.string(), ...COUNTS });
export type AreaCounts = Wire<typeof AreaCounts>;

/** GET /api/monitoring/collections/:id/stats */
export const CollectionStats = z.object({
  collection: z.object({
    id: z.number(),
    title: z.string(),
    open: z.boolean(),
    startsAt: Timestamp,
    endsAt: Timestamp,
  }),
  ...COUNTS,
  /** The submitted ones («Сдано») by review state: «из них: принято N, на доработке M, не проверено K». */
  review: z.object({ unchecked: z.number(), accepted: z.number(), returned: z.number() }),
  byDay: z.array(DayPoint),
  /** 'region' for the federal operator, 'municipality' within a region. */
  breakdownBy: z.string(),
  breakdown: z.array(AreaCounts),
});
export type CollectionStats = Wire<typeof CollectionStats>;

export const ParticipantRow = z.object({
  responseId: z.number(),
  organizationId: z.number(),
  code: z.string(),
  name: z.string(),
  municipalityId: z.number(),
  regionCode: z.string(),
  status: Status,
  startedAt: Timestamp.nullable(),
  lastSubmittedAt: Timestamp.nullable(),
  changedSinceSubmission: z.boolean(),
  /** Null until submitted. */
  reviewState: ReviewState.nullable(),
  reviewedAt: Timestamp.nullable(),
  municipalityName: z.string(),
});
export type ParticipantRow = Wire<typeof ParticipantRow>;

const SubmittedAbout = {
  responseId: z.number(),
  collectionId: z.number(),
  collectionTitle: z.string(),
  code: z.string(),
  name: z.string(),
  status: Status,
  submittedAt: Timestamp.nullable(),
  lastChangedAt: Timestamp.nullable(),
  changedSinceSubmission: z.boolean(),
  reviewState: ReviewState.nullable(),
  extendedUntil: Timestamp.nullable(),
  /** The latest change of review state: who, when, the comment. */
  reviewNote: ReviewNote.nullable(),
};

/** GET /api/monitoring/responses/:id/submitted: the last submitted data, if any. */
export const SubmittedView = z.discriminatedUnion('submitted', [
  z.object({ ...SubmittedAbout, submitted: z.literal(false) }),
  z.object({
    ...SubmittedAbout,
    submitted: z.literal(true),
    definition: StoredDefinition,
    data: z.custom<FormData>(),
  }),
]);
export type SubmittedView = Wire<typeof SubmittedView>;

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** GET /api/exports/:id, and each row of GET /api/monitoring/collections/:id/exports. */
export const ExportJob = z.object({
  id: z.number(),
  collectionId: z.number(),
  status: z.enum(EXPORT_STATUSES),
  progress: z.number(),
  organizations: z.number().nullable(),
  error: z.string().nullable(),
  fileName: z.string(),
  sizeBytes: z.number().nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type ExportJob = Wire<typeof ExportJob>;

export const monitoringResponses = {
  stats: responses({ 200: CollectionStats }),
  participants: responses({ 200: Paged(ParticipantRow) }),
  submitted: responses({ 200: SubmittedView }),
};

export const exportResponses = {
  /** 202: a new job is queued; 200: the same request is already queued or running. */
  requested: responses({ 200: ExportJob, 202: ExportJob }),
  list: responses({ 200: Rows(ExportJob) }),
  one: responses({ 200: ExportJob }),
  download: responses({ 200: binaryFile(XLSX) }),
};
