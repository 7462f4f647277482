// Writes one export as a streamed .xlsx: participants are read in batches and each row is
// committed as soon as it is written, so memory stays flat whatever the number of organizations.
// The main sheet has a row per organization and a column per fixed cell; each table whose rows
// the organization adds gets its own sheet, written in a second pass.
import type { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatDateTime } from '../../shared/dates.js';
import { computeCells } from '../../shared/forms/compute.js';
import type { FormDefinition } from '../../shared/forms/definition.js';
import { cellKey } from '../../shared/forms/layout.js';
import type { FormData } from '../../shared/forms/validate.js';
import { RESPONSE_STATUS_LABELS } from '../../shared/statuses.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Db } from '../db/connection.js';
import {
  dynamicTables,
  excelValue,
  fixedCellColumns,
  ORGANIZATION_HEADERS,
  safeText,
  sheetName,
} from './columns.js';
import { participantBatch } from './queries.js';

const BATCH = 500;

export type ExportSource = {
  db: Db;
  scope: CurrentUser;
  collectionId: number;
  regionFilter: string | null;
  definition: FormDefinition;
  total: number;
  onProgress: (done: number) => Promise<void>;
};

type Row = Awaited<ReturnType<typeof participantBatch>>[number];

function organizationCells(p: Row): (string | null)[] {
  return [
    p.region,
    p.municipality,
    p.code,
    safeText(p.name),
    RESPONSE_STATUS_LABELS[p.status],
    p.startedAt ? formatDateTime(p.startedAt) : null,
    p.submittedAt ? formatDateTime(p.submittedAt) : null,
  ];
}

async function* batches(src: ExportSource) {
  for (let after = 0; ; ) {
    const rows = await participantBatch(src.db, src.scope, src.collectionId, src.regionFilter, after, BATCH);
    if (rows.length === 0) return;
    yield rows;
    after = (rows[rows.length - 1] as Row).id;
  }
}

/** Streams the workbook into `out`; resolves with the number of organizations written. */
export async function writeExport(src: ExportSource, out: PassThrough): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const names = new Set<string>();
  const columns = fixedCellColumns(src.definition);
  const main = workbook.addWorksheet(sheetName('Результаты', names), {
    views: [{ state: 'frozen', xSplit: 4, ySplit: 1 }],
  });
  const header = main.addRow([...ORGANIZATION_HEADERS, ...columns.map((c) => safeText(c.header))]);
  header.font = { bold: true };
  header.commit();
  let done = 0;
  for await (const rows of batches(src)) {
    for (const p of rows) {
      const data = p.data as FormData | null;
      const values = data ? { ...data.values, ...computeCells(src.definition, data.values, data.rows) } : {};
      main
        .addRow([...organizationCells(p), ...columns.map((c) => excelValue(c.column, values[c.key]))])
        .commit();
    }
    done += rows.length;
    // The first pass is most of the work: it reports up to 90 %.
    await src.onProgress(Math.min(done, src.total));
  }
  main.commit();

  for (const table of dynamicTables(src.definition)) {
    const sheet = workbook.addWorksheet(sheetName(table.title, names));
    const head = sheet.addRow([
      ...ORGANIZATION_HEADERS.slice(0, 4),
      '№ строки',
      ...table.columns.map((c) => safeText(c.header)),
    ]);
    head.font = { bold: true };
    head.commit();
    for await (const rows of batches(src)) {
      for (const p of rows) {
        const data = p.data as FormData | null;
        const rowIds = data?.rows[table.key] ?? [];
        const computed = data ? computeCells(src.definition, data.values, data.rows) : {};
        rowIds.forEach((rowId, i) => {
          const cells = table.columns.map((c) => {
            const key = cellKey(table.key, rowId, c.key);
            return excelValue(c, computed[key] ?? data?.values[key]);
          });
          sheet.addRow([...organizationCells(p).slice(0, 4), i + 1, ...cells]).commit();
        });
      }
    }
    sheet.commit();
  }
  await workbook.commit();
  return done;
}
