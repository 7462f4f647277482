// A ResponseDraft that lives only in this page, for pages that show the organization's table
// (FormTable) without a response behind it: «Предпросмотр» of a form, a submitted snapshot seen by
// a coordinator. Its queue keeps nothing in the browser's storage, and `transport` stands in for
// the server.
import type { ResponseForEditor } from '../../shared/api/responses.js';
import type { FormDefinition } from '../../shared/forms/definition.js';
import { AutosaveQueue } from './autosave-queue.js';
import type { CellVersion, ChangeStore, Transport } from './autosave-types.js';
import { ResponseDraft } from './response-draft.js';

const memoryOnly: ChangeStore = {
  load: () => [],
  save: () => true,
  adoptOrphans: () => [],
  heartbeat: () => {},
};

export function localDraft(opts: {
  id: number;
  definition: FormDefinition;
  cells: Record<string, CellVersion>;
  canEdit: boolean;
  transport: Transport;
  newId: () => string;
}): ResponseDraft {
  const queue = new AutosaveQueue({
    store: memoryOnly,
    transport: opts.transport,
    newId: opts.newId,
    debounceMs: 0,
  });
  // ResponseDraft reads the definition, the id and the cells; the rest describes a real response.
  const response: ResponseForEditor = {
    id: opts.id,
    collectionId: 0,
    organizationId: 0,
    status: opts.canEdit ? 'not_started' : 'submitted',
    startedAt: null,
    firstSubmittedAt: null,
    lastSubmittedAt: null,
    lastChangedAt: null,
    submissionCount: opts.canEdit ? 0 : 1,
    collectionTitle: opts.definition.title,
    startsAt: '',
    endsAt: '',
    open: opts.canEdit,
    editable: opts.canEdit,
    reviewState: null,
    extendedUntil: null,
    reviewNote: null,
    formVersionId: 0,
    organization: { code: '', shortName: '', timezone: 'Europe/Moscow' },
    definition: opts.definition,
    cells: opts.cells,
    canEdit: opts.canEdit,
  };
  return new ResponseDraft(response, queue);
}
