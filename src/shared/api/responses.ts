// What a participant's response endpoints answer (src/server/responses/routes.ts, docs/API.md
// "Responses"): the «Сбор данных» blocks, the editor, autosave, «Сдать отчет» and a cell's history.
import { z } from 'zod';
import { RESPONSE_STATUSES } from '../statuses.js';
import { Problem, Rows, responses, Timestamp, type Wire } from './common.js';
import { StoredDefinition } from './forms.js';
import { ReviewNote, ReviewState } from './review.js';

/** What the organization sees of the review of its report (docs/PRODUCT.md "Review of submitted reports"). */
const REVIEW_FIELDS = {
  /** Null before the first submission. */
  reviewState: ReviewState.nullable(),
  /** «Продлить для организации до …»: set with a return, cleared by the next submission. */
  extendedUntil: Timestamp.nullable(),
  /** The latest change of review state (who, when, the comment); null before any. */
  reviewNote: ReviewNote.nullable(),
  /** Whether the organization may change the table now: `open`, or returned after the close; never accepted. */
  editable: z.boolean(),
};

const Status = z.enum(RESPONSE_STATUSES);

/** One «Сбор данных» block: GET /api/niko/data-collection. */
export const CollectionBlockRow = z.object({
  collectionId: z.number(),
  title: z.string(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  responseId: z.number(),
  status: Status,
  startedAt: Timestamp.nullable(),
  lastSubmittedAt: Timestamp.nullable(),
  open: z.boolean(),
  ...REVIEW_FIELDS,
});
export type CollectionBlockRow = Wire<typeof CollectionBlockRow>;

/** A cell's value and version as the server holds it. */
export const CellVersion = z.object({ value: z.string().nullable(), version: z.number() });
export type CellVersion = Wire<typeof CellVersion>;

/** GET /api/responses/:id */
export const ResponseForEditor = z.object({
  id: z.number(),
  collectionId: z.number(),
  organizationId: z.number(),
  status: Status,
  startedAt: Timestamp.nullable(),
  firstSubmittedAt: Timestamp.nullable(),
  lastSubmittedAt: Timestamp.nullable(),
  submissionCount: z.number(),
  lastChangedAt: Timestamp.nullable(),
  collectionTitle: z.string(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  formVersionId: z.number(),
  open: z.boolean(),
  ...REVIEW_FIELDS,
  organization: z.object({ code: z.string(), shortName: z.string(), timezone: z.string() }),
  definition: StoredDefinition,
  cells: z.record(z.string(), CellVersion),
  canEdit: z.boolean(),
});
export type ResponseForEditor = Wire<typeof ResponseForEditor>;

/** The answer about one autosaved change (200, or 409 cell_conflict). */
export const ChangeResult = z.discriminatedUnion('status', [
  z.object({
    id: z.string(),
    cell: z.string(),
    status: z.enum(['applied', 'duplicate']),
    version: z.number(),
    value: z.string().nullable(),
  }),
  z.object({
    id: z.string(),
    cell: z.string(),
    status: z.literal('conflict'),
    yours: z.string().nullable(),
    current: CellVersion,
  }),
]);
export type ChangeResult = Wire<typeof ChangeResult>;

export const ChangesApplied = z.object({ results: z.array(ChangeResult) });

/** 409: some changes conflict (`results` says which), or the collection is closed (no `results`). */
export const ChangesConflict = Problem.extend({ results: z.array(ChangeResult).optional() });

/** POST /api/responses/:id/submit */
export const Submitted = z.object({ submissionId: z.number(), submittedAt: Timestamp });
export type Submitted = Wire<typeof Submitted>;

/** GET /api/responses/:id/history?cell= */
export const HistoryRow = z.object({
  at: Timestamp,
  userLogin: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  version: z.number(),
  /** null: typed in the table; 'excel': «загружено из файла» («Загрузить из Excel»). */
  source: z.enum(['excel']).nullable(),
});
export type HistoryRow = Wire<typeof HistoryRow>;

export const HistoryPage = z.object({
  rows: z.array(HistoryRow),
  nextBeforeVersion: z.number().nullable(),
});

export const responseResponses = {
  blocks: responses({ 200: Rows(CollectionBlockRow) }),
  editor: responses({ 200: ResponseForEditor }),
  changes: { ...responses({ 200: ChangesApplied }), 409: ChangesConflict },
  submitted: responses({ 200: Submitted }),
  history: responses({ 200: HistoryPage }),
};
