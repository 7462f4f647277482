// The form errors «Сдать отчет» is refused with (422 form_invalid), and the browser's own check, as
// the table shows them (form-table/types.ts). What the endpoints answer is declared in
// src/shared/api/responses.ts.
export type { FormErrors } from '../../form-table/types.js';
