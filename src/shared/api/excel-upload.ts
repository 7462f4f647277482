// «Загрузить из Excel» (src/server/excel/upload-routes.ts, docs/API.md "Responses"): the preview of a
// filled-in form file and the result of applying it. Values are as a person reads them (formatCell).
import { z } from 'zod';
import { responses, Timestamp, type Wire } from './common.js';

/** Where a cell is, in the portal's words. */
const Place = {
  /** The form key, "table.row.column". */
  cell: z.string(),
  /** The table's title, the row's label («Строка 2» in a dynamic table), the column's header. */
  table: z.string(),
  row: z.string(),
  column: z.string(),
};

export const UploadChange = z.object({
  ...Place,
  old: z.string(),
  new: z.string(),
  /** The validation engine's message: the value is stored as a draft, as typed in the table. */
  error: z.string().nullable(),
  newRow: z.boolean(),
});
export type UploadChange = Wire<typeof UploadChange>;

export const UploadConflict = z.object({
  ...Place,
  yours: z.string(),
  current: z.string(),
  message: z.string(),
});
export type UploadConflict = Wire<typeof UploadConflict>;

export const UploadCellError = z.object({
  ...Place,
  value: z.string(),
  message: z.string(),
  /** false: the cell is not loaded at all (its content cannot be taken). */
  applied: z.boolean(),
});
export type UploadCellError = Wire<typeof UploadCellError>;

/** POST /api/responses/:id/excel-upload/preview */
export const UploadPreview = z.object({
  /** When the file was downloaded. */
  downloadedAt: Timestamp,
  /** Cells that «Применить» will change («Будет изменено N ячеек»), new rows' cells included. */
  changeCount: z.number(),
  newRowCount: z.number(),
  /** «Будет изменено 3 ячейки, добавлена 1 строка». */
  summary: z.string(),
  changes: z.array(UploadChange),
  conflicts: z.array(UploadConflict),
  errors: z.array(UploadCellError),
});
export type UploadPreview = Wire<typeof UploadPreview>;

/** POST /api/responses/:id/excel-upload/apply: what was applied now (a retry applies nothing twice). */
export const UploadApplied = UploadPreview.extend({
  /** Cells changed now (new rows' cells included; the rows themselves are newRowCount). */
  applied: z.number(),
  /** Changes found already applied by an earlier attempt with this file. */
  alreadyApplied: z.number(),
});
export type UploadApplied = Wire<typeof UploadApplied>;

export const excelUploadResponses = {
  preview: responses({ 200: UploadPreview }),
  apply: responses({ 200: UploadApplied }),
};
