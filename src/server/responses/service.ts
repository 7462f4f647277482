// Reading a response: the editor's data, the organization's «Сбор данных» block, a cell's history.
import type { CurrentUser } from '../auth/current-user.js';
import { can } from '../auth/policy.js';
import type { Db } from '../db/connection.js';
import { Problem } from '../http/problem.js';
import { loadDefinition } from './definitions.js';
import {
  cellHistoryPage,
  getResponse,
  getResponseOrganization,
  listDataCollectionBlocks,
  readCells,
} from './queries.js';

export async function responseForEditor(db: Db, viewer: CurrentUser, id: number) {
  const response = await getResponse(db, viewer, id);
  if (!response) throw Problem.notFound('Отчёт не найден.');
  const [{ definition }, cells, org] = await Promise.all([
    loadDefinition(db, response.formVersionId),
    readCells(db, id),
    getResponseOrganization(db, response.organizationId),
  ]);
  return {
    ...response,
    organization: org,
    definition,
    cells: Object.fromEntries(cells.map((c) => [c.key, { value: c.value, version: c.version }])),
    canEdit: response.editable && can(viewer, 'responses.fill'),
  };
}

/** The «Сбор данных» blocks of an organization: each collection it takes part in. */
export function dataCollectionBlocks(db: Db, viewer: CurrentUser) {
  return listDataCollectionBlocks(db, viewer);
}

export type HistoryPage = { limit: number; beforeVersion?: number };

/** A page of a cell's «История», newest first, and the cursor of the next page (null: none). */
export async function historyOfCell(db: Db, viewer: CurrentUser, id: number, key: string, page: HistoryPage) {
  const response = await getResponse(db, viewer, id);
  if (!response) throw Problem.notFound('Отчёт не найден.');
  const rows = await cellHistoryPage(db, { id, collectionId: response.collectionId }, key, page);
  const more = rows.length > page.limit;
  if (more) rows.pop();
  return { rows, nextBeforeVersion: more ? (rows.at(-1)?.version ?? null) : null };
}
