// What the data-collection endpoints answer (src/server/responses/routes.ts).
import type { ResponseStatus } from '../../form-table/types.js';

export type { FormErrors, ResponseForEditor, ResponseStatus } from '../../form-table/types.js';

/** One «Сбор данных» block: GET /api/niko/data-collection. */
export type CollectionBlockRow = {
  collectionId: number;
  title: string;
  startsAt: string;
  endsAt: string;
  open: boolean;
  responseId: number;
  status: ResponseStatus;
  startedAt: string | null;
  lastSubmittedAt: string | null;
};

/** GET /api/responses/:id/history?cell= */
export type HistoryRow = {
  at: string;
  userLogin: string | null;
  oldValue: string | null;
  newValue: string | null;
  version: number;
};
