// A submitted snapshot shown by the organization's own table (data-collection/FormTable), so that a
// coordinator sees the data laid out exactly as the organization entered it: groups, sums, dynamic
// rows. FormTable reads from a ResponseDraft; this one sits on a queue that is never started and
// whose transport refuses everything, so nothing can ever be sent from the monitoring view.
import type { FormDefinition } from '../../../shared/forms/definition.js';
import { rowMarkerKey } from '../../../shared/forms/response-data.js';
import type { FormData } from '../../../shared/forms/validate.js';
import { AutosaveQueue } from '../data-collection/autosave-queue.js';
import type { CellVersion, ChangeStore, Transport } from '../data-collection/autosave-types.js';
import { ResponseDraft } from '../data-collection/response-draft.js';
import type { ResponseForEditor } from '../data-collection/types.js';

const nothingStored: ChangeStore = {
  load: () => [],
  save: () => true,
  adoptOrphans: () => [],
  heartbeat: () => {},
};

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
  const queue = new AutosaveQueue({ store: nothingStored, transport: neverSends, newId: () => '' });
  // ResponseDraft reads the definition, the id and the cells; the rest describes a response.
  const response: ResponseForEditor = {
    id: responseId,
    status: 'submitted',
    startedAt: null,
    lastSubmittedAt: null,
    submissionCount: 1,
    collectionTitle: definition.title,
    startsAt: '',
    endsAt: '',
    open: false,
    formVersionId: 0,
    organization: { code: '', shortName: '', timezone: 'Europe/Moscow' },
    definition,
    cells: snapshotCells(data),
    canEdit: false,
  };
  return new ResponseDraft(response, queue);
}
