// One import from start to finish: read the file, check every row, then either refuse the whole
// file (mode «all» with any error, or a file-level error) or apply the valid rows in one
// transaction together with the audit entry.
import { audit, auditEvent } from '../../audit/service.js';
import type { Db } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { type RequestContext, userOf } from '../../http/context.js';
import { Problem } from '../../http/problem.js';
import { prepareOrganizations, prepareUsers, type Write } from './apply.js';
import { type Cells, type ColumnSpec, ORGANIZATION_COLUMNS, readColumns, USER_COLUMNS } from './columns.js';
import type { ImportLimits } from './limits.js';
import { parseImportFile } from './parse.js';
import {
  type CellError,
  HEADER_ROW,
  ImportFileError,
  type ImportMode,
  type ImportReport,
  type RefusedRow,
} from './report.js';
import type { Table } from './table.js';
import { validateOrganizations } from './validate-organizations.js';
import { validateUsers } from './validate-users.js';

export type Upload = { fileName: string; bytes: Buffer; mode: ImportMode };
export type ImportSubject = 'organizations' | 'users';

type Checked = { refused: RefusedRow[]; prepare: () => Promise<Write> };
type Importer = {
  columns: readonly ColumnSpec[];
  /** Checks every row; `prepare` then readies the valid ones for writing. */
  check: (db: Db, ctx: RequestContext, cells: Cells[]) => Promise<Checked>;
};

const IMPORTERS: Record<ImportSubject, Importer> = {
  organizations: {
    columns: ORGANIZATION_COLUMNS,
    check: async (db, _ctx, cells) => {
      const { valid, refused } = await validateOrganizations(db, cells);
      return { refused, prepare: () => prepareOrganizations(valid) };
    },
  },
  users: {
    columns: USER_COLUMNS,
    check: async (db, ctx, cells) => {
      const { valid, refused } = await validateUsers(db, cells, userOf(ctx).login);
      return { refused, prepare: () => prepareUsers(valid) };
    },
  },
};

export async function runImport(
  db: Db,
  ctx: RequestContext,
  subject: ImportSubject,
  upload: Upload,
  limits: ImportLimits,
) {
  const importer = IMPORTERS[subject];
  const about = { fileName: upload.fileName.slice(0, 255), mode: upload.mode };
  let table: Table;
  let cells: Cells[];
  try {
    table = await parseImportFile(upload.bytes, upload.fileName, limits);
    cells = readColumns(table, importer.columns);
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    const refused = [{ row: HEADER_ROW, errors: err.errors }];
    const fileErrors = err.errors.map((e) => e.message);
    const report = { ...about, total: 0, refused, fileErrors };
    return refuse(db, ctx, subject, report, fileErrorDetail(err.errors), err.status);
  }

  const { refused, prepare } = await importer.check(db, ctx, cells);
  const summary = { ...about, format: table.format, encoding: table.encoding, total: cells.length };
  if (refused.length > 0 && upload.mode === 'all') {
    const detail =
      `Импорт не выполнен: в файле есть ошибки (строк с ошибками: ${refused.length}). ` +
      'Исправьте их или загрузите только корректные строки.';
    return refuse(db, ctx, subject, { ...summary, refused }, detail);
  }

  const write = await prepare();
  const outcome = await inTransaction(db, async (tx) => {
    const result = await write(tx);
    await audit(tx, ctx, {
      action: 'directory.import',
      objectType: subject,
      details: { ...summary, created: result.created, updated: result.updated, refused: refused.length },
    });
    return result;
  });
  const report: ImportReport = {
    applied: true,
    mode: upload.mode,
    total: cells.length,
    created: outcome.created,
    updated: outcome.updated,
    refused,
  };
  if (outcome.credentials.length > 0) report.credentials = outcome.credentials;
  return report;
}

/** The file's own errors are the whole story: they make the problem's detail. */
function fileErrorDetail(errors: CellError[]) {
  return `${errors.map((e) => e.message).join('. ')}.`;
}

/**
 * Nothing was written. The refusal is still audited, outside any transaction, and answered 422
 * (413 for a file over a size limit) with the report as the problem's extra fields.
 */
async function refuse(
  db: Db,
  ctx: RequestContext,
  subject: ImportSubject,
  r: { fileName: string; mode: ImportMode; total: number; refused: RefusedRow[]; fileErrors?: string[] },
  detail: string,
  status: 413 | 422 = 422,
): Promise<never> {
  const { refused, ...summary } = r;
  await auditEvent(db, ctx, {
    action: 'directory.import_refused',
    objectType: subject,
    details: { ...summary, refused: refused.length },
  });
  const report: ImportReport = {
    applied: false,
    mode: r.mode,
    total: r.total,
    created: 0,
    updated: 0,
    refused,
  };
  throw new Problem(status, 'import_refused', detail, report);
}
