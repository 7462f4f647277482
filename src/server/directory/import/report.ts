// The shape of an import's answer, shared by the parser, the validators and the service.

export const IMPORT_MODES = ['all', 'valid-only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** `column` is the column's English key (`code`, `login`…), or '' for the file as a whole. */
export type CellError = { column: string; message: string };
export type RefusedRow = { row: number; errors: CellError[] };
export type Credential = { login: string; oneTimePassword: string };

export type ImportReport = {
  applied: boolean;
  mode: ImportMode;
  total: number;
  created: number;
  updated: number;
  refused: RefusedRow[];
  credentials?: Credential[];
};

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
