// Applies a batch of cell changes from the browser's autosave queue. Each change carries its own
// id (applied once, however often it is resent) and the version of the cell it was based on: a
// stale base is a conflict, reported with both values and never applied. Changes to other cells
// in the same batch still apply.
import { isWritableKey, ROW_MARKER } from '../../shared/forms/response-data.js';
import type { Db } from '../db/connection.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { loadDefinition } from './definitions.js';
import {
  type CellChangeSource,
  type CellWrite,
  lockResponse,
  readChangeState,
  writeCells,
} from './queries.js';

export type CellChange = { id: string; cell: string; value: string | null; base: number };

export type ChangeResult =
  | { id: string; cell: string; status: 'applied' | 'duplicate'; version: number; value: string | null }
  | {
      id: string;
      cell: string;
      status: 'conflict';
      yours: string | null;
      current: { value: string | null; version: number };
    };

export const CLOSED_MESSAGE = 'Сбор данных закрыт: изменения больше не принимаются.';
export const ACCEPTED_MESSAGE =
  'Отчёт принят координатором: изменения больше не принимаются. Если нужно что-то исправить, попросите координатора вернуть отчёт на доработку.';

/** The participant row, locked, if the organization may change it now (responses/queries.ts editableSql). */
export async function loadOpenResponse(db: Db, ctx: RequestContext, responseId: number) {
  const response = await lockResponse(db, userOf(ctx), responseId);
  if (!response) throw Problem.notFound('Отчёт не найден.');
  if (!response.editable) {
    if (response.reviewState === 'accepted') throw new Problem(409, 'report_accepted', ACCEPTED_MESSAGE);
    throw new Problem(409, 'collection_closed', CLOSED_MESSAGE);
  }
  return response;
}

/** `source` marks the history lines: «Загрузить из Excel» applies its changes through here too. */
export async function applyChanges(
  db: Db,
  ctx: RequestContext,
  responseId: number,
  changes: CellChange[],
  source: CellChangeSource = null,
) {
  const user = userOf(ctx);
  const response = await loadOpenResponse(db, ctx, responseId);
  const { definition, fixedInputs } = await loadDefinition(db, response.formVersionId);

  const unknown = changes.filter((c) => !isWritableKey(definition, fixedInputs, c.cell)).map((c) => c.cell);
  if (unknown.length) {
    throw Problem.badRequest(`Неизвестные ячейки: ${[...new Set(unknown)].slice(0, 10).join(', ')}.`, [
      { path: 'changes', message: 'В форме нет таких ячеек.' },
    ]);
  }
  const badMarker = changes.find(
    (c) => c.cell.endsWith(`.${ROW_MARKER}`) && c.value !== null && c.value !== '1',
  );
  if (badMarker) throw Problem.badRequest(`Недопустимое значение для ${badMarker.cell}.`);

  // Prior changes under these ids and the cells' current state, read after the lock is held.
  const state = await readChangeState(
    db,
    response,
    changes.map((c) => c.id),
    [...new Set(changes.map((c) => c.cell))],
  );
  const seen = new Map(state.prior.map((c) => [c.id, c]));
  for (const c of changes) {
    const prior = seen.get(c.id);
    if (prior && (prior.key !== c.cell || prior.value !== c.value)) {
      throw new Problem(
        422,
        'change_id_reused',
        'Идентификатор изменения уже использован для другого изменения.',
        {
          changeId: c.id,
        },
      );
    }
  }

  const current = new Map(state.cells.map((r) => [r.key, r]));
  const results: ChangeResult[] = [];
  const writes: CellWrite[] = [];
  for (const c of changes) {
    const prior = seen.get(c.id);
    if (prior) {
      results.push({
        id: c.id,
        cell: c.cell,
        status: 'duplicate',
        version: prior.version,
        value: prior.value,
      });
      continue;
    }
    const cell = current.get(c.cell) ?? { key: c.cell, value: null, version: 0 };
    if (c.base !== cell.version) {
      results.push({
        id: c.id,
        cell: c.cell,
        status: 'conflict',
        yours: c.value,
        current: { value: cell.value, version: cell.version },
      });
      continue;
    }
    if (c.value === cell.value) {
      // Nothing to change: no new version, no history line.
      results.push({ id: c.id, cell: c.cell, status: 'applied', version: cell.version, value: cell.value });
      continue;
    }
    const next = { key: c.cell, value: c.value, version: cell.version + 1 };
    writes.push({ ...next, changeId: c.id, oldValue: cell.value });
    current.set(c.cell, next);
    results.push({ id: c.id, cell: c.cell, status: 'applied', version: next.version, value: next.value });
  }
  if (writes.length) await writeCells(db, response, writes, user, ctx.ip, source);
  return results;
}
