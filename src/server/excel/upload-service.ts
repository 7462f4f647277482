// «Загрузить из Excel»: the preview of a filled-in form file, and «Применить». Both read the file
// (upload-read.ts), check that it is this response's form as it stands (another organization,
// collection or form version is refused whole) and plan the changes (upload-plan.ts); «Применить»
// plans again under the response's lock and applies through autosave, marked as from a file.
import type { UploadApplied, UploadPreview } from '../../shared/api/excel-upload.js';
import type { FormDefinition } from '../../shared/forms/definition.js';
import { splitCellKey } from '../../shared/forms/layout.js';
import { ROW_MARKER } from '../../shared/forms/response-data.js';
import { plural, pluralWord } from '../../shared/plural.js';
import { auditEvent } from '../audit/service.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { ACCEPTED_MESSAGE, applyChanges, CLOSED_MESSAGE, loadOpenResponse } from '../responses/autosave.js';
import { loadDefinition } from '../responses/definitions.js';
import { getResponse, readCells } from '../responses/queries.js';
import { planUpload, shown, type UploadPlan } from './upload-plan.js';
import { type FormFile, readFormFile } from './upload-read.js';
import { asRefusal, UploadRefusal } from './upload-refusal.js';
import { chargeCharacters } from './upload-write-limit.js';

type Limits = Config['importLimits'];
/** Reads the request's file; called once the response is known to be the viewer's to fill. */
type ReadBytes = () => Promise<Buffer>;
type Target = { id: number; organizationId: number; formVersionId: number };

export async function previewUpload(
  db: Db,
  ctx: RequestContext,
  responseId: number,
  readBytes: ReadBytes,
  limits: Limits,
): Promise<UploadPreview> {
  const user = userOf(ctx);
  const response = await editableResponse(db, user, responseId);
  const file = await readFile(await readBytes(), limits);
  const { plan, definition } = await planFor(db, user, response, file);
  return present(definition, plan, file);
}

/** The file is read before; this runs in a transaction: planned again under the response's lock, applied. */
export async function applyUpload(
  db: Db,
  ctx: RequestContext,
  responseId: number,
  file: FormFile,
  writeLimits: Config['writeLimits'],
): Promise<UploadApplied> {
  const user = userOf(ctx);
  const locked = await loadOpenResponse(db, ctx, responseId);
  const response = await getResponse(db, user, responseId);
  if (!response) throw Problem.notFound('Отчёт не найден.');
  const { plan, definition } = await planFor(db, user, { ...response, id: locked.id }, file);
  // The values count against the write limit as autosave's do; over it, nothing is applied.
  const characters = plan.changes.reduce((n, c) => n + (c.value?.length ?? 0), 0);
  await chargeCharacters(db, user, characters, writeLimits);
  const results = await applyChanges(
    db,
    ctx,
    responseId,
    plan.changes.map(({ id, cell, value, base }) => ({ id, cell, value, base })),
    'excel',
  );
  // Under the lock the plan is current, so autosave finds no conflict; if it ever did, it is listed.
  for (const r of results) {
    if (r.status !== 'conflict') continue;
    const change = plan.changes.find((c) => c.id === r.id);
    plan.conflicts.push({ cell: r.cell, yours: r.yours, current: r.current.value, reason: 'changed' });
    if (change) plan.changes.splice(plan.changes.indexOf(change), 1);
  }
  // Cells, as the preview counts them: a new row's marker is counted as the row (newRowCount).
  const cellsWith = (status: string) =>
    results.filter((r) => r.status === status && !r.cell.endsWith(`.${ROW_MARKER}`)).length;
  const applied = cellsWith('applied');
  const alreadyApplied = cellsWith('duplicate');
  await auditEvent(db, ctx, {
    action: 'response.form_uploaded',
    objectType: 'response',
    objectId: responseId,
    details: { applied, alreadyApplied, conflicts: plan.conflicts.length, downloadId: file.downloadId },
  });
  return { ...present(definition, plan, file), applied, alreadyApplied };
}

/**
 * The file of an upload to apply, read outside the transaction (reading is the slow part) once the
 * response is known to be the viewer's to fill: out of scope is 404 before any byte is looked at.
 */
export async function readUploadFor(
  db: Db,
  ctx: RequestContext,
  responseId: number,
  readBytes: ReadBytes,
  limits: Limits,
): Promise<FormFile> {
  await editableResponse(db, userOf(ctx), responseId);
  return readFile(await readBytes(), limits);
}

async function editableResponse(db: Db, user: CurrentUser, responseId: number) {
  const response = await getResponse(db, user, responseId);
  if (!response) throw Problem.notFound('Отчёт не найден.');
  // The same rule as autosave's (responses/queries.ts editableSql): open, or returned for revision.
  if (!response.editable) {
    if (response.reviewState === 'accepted') throw new Problem(409, 'report_accepted', ACCEPTED_MESSAGE);
    throw new Problem(409, 'collection_closed', CLOSED_MESSAGE);
  }
  return response;
}

async function readFile(bytes: Buffer, limits: Limits): Promise<FormFile> {
  try {
    return await readFormFile(bytes, limits);
  } catch (err) {
    throw asRefusal(err);
  }
}

async function planFor(db: Db, user: CurrentUser, response: Target, file: FormFile) {
  await checkFileIsFor(db, user, response, file);
  const [{ definition, fixedInputs }, stored] = await Promise.all([
    loadDefinition(db, response.formVersionId),
    readCells(db, response.id),
  ]);
  const cells = Object.fromEntries(stored.map((c) => [c.key, { value: c.value, version: c.version }]));
  const plan = planUpload({ definition, fixedInputs, cells, responseId: response.id, file });
  return { plan, definition };
}

/** The file must be this response's form, of the form version the collection uses. */
async function checkFileIsFor(db: Db, user: CurrentUser, response: Target, file: FormFile) {
  if (file.responseId !== response.id) {
    // Named only when the viewer may see it: then it is the same organization's other collection.
    const other = await getResponse(db, user, file.responseId);
    if (other && other.organizationId === response.organizationId) {
      throw new UploadRefusal(
        'other_collection',
        `Этот файл — форма сбора данных «${other.collectionTitle}». Откройте этот сбор данных ` +
          'в разделе «НИКО» и загрузите файл там.',
      );
    }
    throw new UploadRefusal(
      'other_response',
      'Этот файл скачан для другой организации или другого отчёта. Загрузите форму, скачанную ' +
        'на этой странице кнопкой «Скачать форму в Excel».',
    );
  }
  if (file.formVersionId !== response.formVersionId) {
    throw new UploadRefusal(
      'other_form_version',
      'Файл скачан для другой версии формы: форму этого сбора данных изменили после скачивания. ' +
        'Скачайте форму заново кнопкой «Скачать форму в Excel» и перенесите в неё данные.',
    );
  }
}

const CONFLICT_MESSAGES = {
  changed: 'Ячейку изменили в портале после того, как файл был скачан: значение из файла не загружается.',
  row_deleted: 'Строку удалили в портале после того, как файл был скачан: значение из файла не загружается.',
};

/** The plan in the portal's words: places by titles and labels, values as a person reads them. */
export function present(definition: FormDefinition, plan: UploadPlan, file: FormFile): UploadPreview {
  const placeOf = (key: string) => place(definition, key, plan.rowsAfter);
  const newRowIds = new Set(Object.values(plan.newRows).flat());
  const cellChanges = plan.changes.filter((c) => !c.cell.endsWith(`.${ROW_MARKER}`));
  const changes = cellChanges.map((c) => {
    const p = placeOf(c.cell);
    return {
      ...p.labels,
      old: shown(p.column, c.old),
      new: shown(p.column, c.value),
      error: c.error,
      newRow: newRowIds.has(splitCellKey(c.cell)?.row ?? ''),
    };
  });
  const conflicts = plan.conflicts.map((c) => {
    const p = placeOf(c.cell);
    return {
      ...p.labels,
      yours: shown(p.column, c.yours),
      current: shown(p.column, c.current),
      message: CONFLICT_MESSAGES[c.reason],
    };
  });
  const errors = [
    ...changes
      .filter((c) => c.error)
      .map((c) => ({ ...c, value: c.new, message: c.error as string, applied: true })),
    ...plan.missing.map((m) => ({ ...placeOf(m.cell).labels, value: '', message: m.message, applied: true })),
    ...plan.unreadable.map((u) => {
      const labels = placeOf(u.cell).labels;
      // A row added in the file and not loaded is named by its number on the sheet.
      const row = u.row.startsWith('new:') ? `Строка ${Number(u.row.slice(4)) + 1} (новая)` : labels.row;
      return { ...labels, row, value: '', message: u.message, applied: false };
    }),
  ].map(({ cell, table, row, column, value, message, applied }) => ({
    cell,
    table,
    row,
    column,
    value,
    message,
    applied,
  }));
  const newRowCount = newRowIds.size;
  return {
    downloadedAt: file.downloadedAt.toISOString(),
    changeCount: changes.length,
    newRowCount,
    summary: summaryOf(changes.length, newRowCount),
    changes,
    conflicts,
    errors,
  };
}

/** «Будет изменено 3 ячейки, добавлена 1 строка»; «Изменений нет». */
export function summaryOf(cells: number, rows: number): string {
  if (cells === 0 && rows === 0) return 'Изменений нет: файл совпадает с данными в портале.';
  const parts = [
    `Будет ${pluralWord(cells, ['изменена', 'изменено', 'изменено'])} ${plural(cells, ['ячейка', 'ячейки', 'ячеек'])}`,
  ];
  if (rows > 0)
    parts.push(
      `${pluralWord(rows, ['добавлена', 'добавлено', 'добавлено'])} ${plural(rows, ['строка', 'строки', 'строк'])}`,
    );
  return `${parts.join(', ')}.`;
}

function place(definition: FormDefinition, key: string, rows: Record<string, string[]>) {
  const k = splitCellKey(key);
  const table = definition.tables.find((t) => t.key === k?.table);
  const column = table?.columns.find((c) => c.key === k?.column);
  let row = k?.row ?? '';
  if (table?.rows.kind === 'fixed') row = table.rows.items.find((r) => r.key === k?.row)?.label ?? row;
  else if (table) {
    const n = (rows[table.key] ?? []).indexOf(row);
    row = n >= 0 ? `Строка ${n + 1}` : 'Удалённая строка';
  }
  return {
    column,
    labels: { cell: key, table: table?.title ?? '', row, column: column?.header ?? k?.column ?? '' },
  };
}
