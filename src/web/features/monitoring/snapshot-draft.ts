// A submitted snapshot shown by the organization's own table (form-table/FormTable), so that a
// coordinator sees the data laid out exactly as the organization entered it: groups, sums, dynamic
// rows. Its draft is read-only, and its queue's transport refuses everything, so nothing can ever be
// sent from the monitoring view.
import type { FormDefinition } from '../../../shared/forms/definition.js';
import { rowMarkerKey } from '../../../shared/forms/response-data.js';
import type { FormData } from '../../../shared/forms/validate.js';
import type { CellVersion, Transport } from '../../form-table/autosave-types.js';
import { localDraft } from '../../form-table/local-draft.js';
import type { ResponseDraft } from '../../form-table/response-draft.js';

const neverSends: Transport = async () => ({ kind: 'rejected', message: 'Данные только для просмотра.' });

/** The snapshot as stored cells: every value, and a marker cell per row of a dynamic table. */
export function snapshotCells(data: FormData): Record<string, CellVersion> {
  const cells: Record<string, CellVersion> = {};
  for (const [key, value] of Object.entries(data.values)) cells[key] = { value, version: 1 };
  for (const [table, ids] of Object.entries(data.rows)) {
    for (const id of ids) cells[rowMarkerKey(table, id)] = { value: '1', version: 1 };
  }
  return cells;
}

export function snapshotDraft(responseId: number, definition: FormDefinition, data: FormData): ResponseDraft {
  return localDraft({
    id: responseId,
    definition,
    cells: snapshotCells(data),
    canEdit: false,
    transport: neverSends,
    newId: () => '',
  });
}
