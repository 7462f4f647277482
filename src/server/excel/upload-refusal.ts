// Why «Загрузить из Excel» refuses a whole file: a Problem with a stable code and a Russian message,
// 422 (413 for a file over a size limit), and nothing changed.
import { ImportFileError } from '../directory/import/report.js';
import { Problem } from '../http/problem.js';

export type RefusalCode =
  | 'unreadable_file'
  | 'file_too_large'
  | 'no_key_sheet'
  | 'tampered_file'
  | 'old_file'
  | 'other_response'
  | 'other_collection'
  | 'other_form_version';

export class UploadRefusal extends Problem {
  constructor(code: RefusalCode, message: string, status: 413 | 422 = 422) {
    super(status, code, message);
  }
}

/** The import's file checks (sizes, zip bomb, rows) speak ImportFileError; here they refuse the upload. */
export function asRefusal(err: unknown): unknown {
  if (!(err instanceof ImportFileError)) return err;
  const message = err.message.endsWith('.') ? err.message : `${err.message}.`;
  return new UploadRefusal(err.status === 413 ? 'file_too_large' : 'unreadable_file', message, err.status);
}
