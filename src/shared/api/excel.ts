// The form as an Excel file (src/server/excel/routes.ts).
import { binaryFile, responses } from './common.js';

export const excelResponses = {
  /** GET /api/responses/:id/form.xlsx */
  form: responses({ 200: binaryFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') }),
  /** GET /api/form-versions/:id/template.xlsx: the federal operator's empty template of a form version. */
  template: responses({
    200: binaryFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  }),
};
