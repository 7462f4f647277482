// Writes one export as a streamed .xlsx: participants are read in batches (the next batch is
// asked for while this one is written) and each row goes straight into the deflated sheet, with
// backpressure down to the file store, so memory stays flat whatever the number of organizations.
// The main sheet has a row per organization and a column per fixed cell; each table whose rows
// the organization adds gets its own sheet, written in a second pass.
import type { PassThrough } from 'node:stream';
import { formatDateTime } from '../../shared/dates.js';
import { type ComputePlan, computePlan, type FormValues, runPlan } from '../../shared/forms/compute.js';
import type { FormDefinition } from '../../shared/forms/definition.js';
import { cellKey } from '../../shared/forms/layout.js';
import type { FormData } from '../../shared/forms/validate.js';
import { RESPONSE_STATUS_LABELS, REVIEW_STATE_LABELS } from '../../shared/statuses.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Db } from '../db/connection.js';
import {
  columnWidth,
  dynamicTables,
  excelValue,
  fixedCellColumns,
  ORGANIZATION_HEADERS,
  type OrganizationTextLengths,
  organizationWidths,
  questionWidth,
  safeText,
  sheetName,
} from './columns.js';
import { participantBatch } from './queries.js';
import { type CellValue, XlsxWriter } from './xlsx-writer.js';

const BATCH = 500;
const ROW_NUMBER_HEADER = '№ строки';

export type ExportSource = {
  db: Db;
  scope: CurrentUser;
  collectionId: number;
  regionFilter: string | null;
  definition: FormDefinition;
  total: number;
  /** The longest text of each organization column, for the column widths. */
  longest: OrganizationTextLengths;
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
    // Only a submitted report is reviewed.
    p.status === 'submitted' ? REVIEW_STATE_LABELS[p.reviewState] : null,
    p.status === 'submitted' && p.reviewedAt ? formatDateTime(p.reviewedAt) : null,
    p.reviewComment === null ? null : safeText(p.reviewComment),
  ];
}

async function* batches(src: ExportSource) {
  const ask = (after: number) => {
    const batch = participantBatch(src.db, src.scope, src.collectionId, src.regionFilter, after, BATCH);
    // A batch asked for ahead may fail after the export stopped for another reason: not unhandled.
    batch.catch(() => {});
    return batch;
  };
  let next = ask(0);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) return;
    // The next batch is on its way while this one is written.
    next = rows.length === BATCH ? ask((rows[rows.length - 1] as Row).id) : Promise.resolve([]);
    yield rows;
  }
}

/** Streams the workbook into `out`; resolves with the number of organizations written. */
export async function writeExport(src: ExportSource, out: PassThrough): Promise<number> {
  try {
    return await write(src, out);
  } catch (err) {
    // The file store reading `out` fails too, instead of waiting for the rest.
    out.destroy(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
}

/**
 * The computed cells of a response. Which cells are summed depends on the definition and the rows
 * of its dynamic tables, so the plan is made once per set of rows, not once per organization.
 */
function computer(def: FormDefinition) {
  const plans = new Map<string, ComputePlan>();
  return (data: FormData): FormValues => {
    const signature = Object.entries(data.rows)
      .map(([table, ids]) => `${table}:${ids.join(',')}`)
      .join('|');
    let plan = plans.get(signature);
    if (!plan) {
      if (plans.size >= 1000) plans.clear();
      plan = computePlan(def, data.rows);
      plans.set(signature, plan);
    }
    return runPlan(plan, data.values);
  };
}

async function write(src: ExportSource, out: PassThrough): Promise<number> {
  const computeCells = computer(src.definition);
  const names = new Set<string>();
  const columns = fixedCellColumns(src.definition);
  const tables = dynamicTables(src.definition);
  const organizationColumns = organizationWidths(src.longest);
  const book = new XlsxWriter(out, [
    {
      name: sheetName('Результаты', names),
      frozen: { columns: 4, rows: 1 },
      widths: [...organizationColumns, ...columns.map((c) => questionWidth(c.header, c.column))],
    },
    ...tables.map((t) => ({
      name: sheetName(t.title, names),
      frozen: { columns: 5, rows: 1 },
      widths: [
        ...organizationColumns.slice(0, 4),
        columnWidth(4, ROW_NUMBER_HEADER),
        ...t.columns.map((c) => questionWidth(c.header, c)),
      ],
    })),
  ]);
  const main = await book.nextSheet();
  main.addRow([...ORGANIZATION_HEADERS, ...columns.map((c) => safeText(c.header))], { header: true });
  let done = 0;
  for await (const rows of batches(src)) {
    for (const p of rows) {
      const data = p.data ? (JSON.parse(p.data) as FormData) : null;
      const cells: CellValue[] = organizationCells(p);
      if (data) {
        const computed = computeCells(data);
        for (const c of columns) cells.push(excelValue(c.column, computed[c.key] ?? data.values[c.key]));
      }
      if (!main.addRow(cells)) await main.drain();
    }
    done += rows.length;
    // The first pass is most of the work: it reports up to 90 %.
    await src.onProgress(Math.min(done, src.total));
  }
  await main.end();

  for (const table of tables) {
    const sheet = await book.nextSheet();
    sheet.addRow(
      [
        ...ORGANIZATION_HEADERS.slice(0, 4),
        ROW_NUMBER_HEADER,
        ...table.columns.map((c) => safeText(c.header)),
      ],
      { header: true },
    );
    for await (const rows of batches(src)) {
      for (const p of rows) {
        const data = p.data ? (JSON.parse(p.data) as FormData) : null;
        const rowIds = data?.rows[table.key] ?? [];
        if (rowIds.length === 0) continue;
        const computed = data ? computeCells(data) : {};
        const org = organizationCells(p).slice(0, 4);
        for (const [i, rowId] of rowIds.entries()) {
          const cells = table.columns.map((c) => {
            const key = cellKey(table.key, rowId, c.key);
            return excelValue(c, computed[key] ?? data?.values[key]);
          });
          if (!sheet.addRow([...org, i + 1, ...cells])) await sheet.drain();
        }
      }
    }
    await sheet.end();
  }
  await book.end();
  return done;
}
