// Which export jobs a user may see: only those they asked for. A report covers the scope of
// whoever asked, which another user's scope need not include.
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CurrentUser } from '../current-user.js';

type ExportEb = ExpressionBuilder<Database, 'export_jobs'>;

/** Export jobs (the table `export_jobs`, unaliased) the user may see. */
export function exportJobsInScope(user: Pick<CurrentUser, 'id'>) {
  return (eb: ExportEb) => eb('requested_by', '=', user.id);
}
