// The form errors «Сдать отчет» is refused with (422 form_invalid), and the browser's own check.
// What the endpoints answer is declared in src/shared/api/responses.ts.
import type { RuleFailure } from '../../../shared/forms/rules.js';
import type { TableError } from '../../../shared/forms/validate.js';

export type FormErrors = {
  cellErrors: Record<string, string>;
  ruleErrors: RuleFailure[];
  tableErrors: TableError[];
};
