// What the data-collection endpoints answer (src/server/responses/routes.ts).
import type { FormDefinition } from '../../../shared/forms/definition.js';
import type { RuleFailure } from '../../../shared/forms/rules.js';
import type { TableError } from '../../../shared/forms/validate.js';
import type { CellVersion } from './autosave-types.js';

export type ResponseStatus = 'not_started' | 'in_progress' | 'submitted';

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

/** GET /api/responses/:id */
export type ResponseForEditor = {
  id: number;
  status: ResponseStatus;
  startedAt: string | null;
  lastSubmittedAt: string | null;
  submissionCount: number;
  collectionTitle: string;
  startsAt: string;
  endsAt: string;
  open: boolean;
  formVersionId: number;
  organization: { code: string; shortName: string; timezone: string };
  definition: FormDefinition;
  cells: Record<string, CellVersion>;
  canEdit: boolean;
};

/** GET /api/responses/:id/history?cell= */
export type HistoryRow = {
  at: string;
  userLogin: string | null;
  oldValue: string | null;
  newValue: string | null;
  version: number;
};

/** The errors «Сдать отчет» is refused with (422 form_invalid), and the browser's own check. */
export type FormErrors = {
  cellErrors: Record<string, string>;
  ruleErrors: RuleFailure[];
  tableErrors: TableError[];
};
