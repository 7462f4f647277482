// The shape of an import's answer, shared by the parser, the validators and the service. The
// answer itself is declared once, with the browser, in src/shared/api/directory.ts.
import type { CellError } from '../../../shared/api/directory.js';

export {
  type CellError,
  type Credential,
  IMPORT_MODES,
  type ImportMode,
  type ImportReport,
  type RefusedRow,
} from '../../../shared/api/directory.js';

/** The header row as the user sees it in Excel; file-level errors are reported against it. */
export const HEADER_ROW = 1;

/**
 * The file as a whole cannot be imported (encoding, empty, missing columns): nothing is applied
 * whatever the mode, and the report lists these errors against row 1.
 */
export class ImportFileError extends Error {
  readonly errors: CellError[];
  constructor(
    errors: CellError[] | string,
    /** 413 for a file over a size limit, 422 for any other. */
    readonly status: 413 | 422 = 422,
  ) {
    const list = typeof errors === 'string' ? [{ column: '', message: errors }] : errors;
    super(list.map((e) => e.message).join(' '));
    this.errors = list;
  }
}

/** Collects a row's errors; a row with any error is refused as a whole. */
export class RowErrors {
  readonly errors: CellError[] = [];
  add(column: string, message: string) {
    this.errors.push({ column, message });
  }
  get ok() {
    return this.errors.length === 0;
  }
}
