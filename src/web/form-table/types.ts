// What the table needs of a response (GET /api/responses/:id, src/server/responses/routes.ts) and
// the errors it shows. The data-collection feature re-exports these with its other endpoint types.
import type { FormDefinition } from '../../shared/forms/definition.js';
import type { RuleFailure } from '../../shared/forms/rules.js';
import type { TableError } from '../../shared/forms/validate.js';
import type { CellVersion } from './autosave-types.js';

export type ResponseStatus = 'not_started' | 'in_progress' | 'submitted';

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

/** The errors «Сдать отчет» is refused with (422 form_invalid), and the browser's own check. */
export type FormErrors = {
  cellErrors: Record<string, string>;
  ruleErrors: RuleFailure[];
  tableErrors: TableError[];
};
