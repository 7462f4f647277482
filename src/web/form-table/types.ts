// What the table needs of a response (GET /api/responses/:id, typed by src/shared/api/responses.ts)
// and the errors it shows.
import type { RuleFailure } from '../../shared/forms/rules.js';
import type { TableError } from '../../shared/forms/validate.js';

/** GET /api/responses/:id, as its response schema declares it. */
export type { ResponseForEditor } from '../../shared/api/responses.js';

/** The errors «Сдать отчет» is refused with (422 form_invalid), and the browser's own check. */
export type FormErrors = {
  cellErrors: Record<string, string>;
  ruleErrors: RuleFailure[];
  tableErrors: TableError[];
};
