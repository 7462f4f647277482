// The organization's table (data-collection/FormTable) reads its cells from a ResponseDraft, which
// normally sits on the autosave queue. For «Предпросмотр» the queue lives in memory and its
// "server" is this function: each change is accepted at once and goes nowhere. What is typed is
// checked by the shared engine, exactly as for an organization, and forgotten with the page.
import type { FormDefinition } from '../../../shared/forms/definition.js';
import { AutosaveQueue } from '../data-collection/autosave-queue.js';
import type { ChangeStore, Transport } from '../data-collection/autosave-types.js';
import { ResponseDraft } from '../data-collection/response-draft.js';
import type { ResponseForEditor } from '../data-collection/types.js';

const memoryOnly: ChangeStore = {
  load: () => [],
  save: () => true,
  adoptOrphans: () => [],
  heartbeat: () => {},
};

const acceptLocally: Transport = async (changes) => ({
  kind: 'results',
  results: changes.map((c) => ({
    id: c.id,
    cell: c.cell,
    status: 'applied',
    version: c.base + 1,
    value: c.value,
  })),
});

let changeSeq = 0;

export function previewDraft(definition: FormDefinition): ResponseDraft {
  const queue = new AutosaveQueue({
    store: memoryOnly,
    transport: acceptLocally,
    newId: () => `preview-${++changeSeq}`,
    debounceMs: 0,
  });
  // ResponseDraft reads the definition, the id and the cells; the rest describes a real response.
  const response: ResponseForEditor = {
    id: 0,
    status: 'not_started',
    startedAt: null,
    lastSubmittedAt: null,
    submissionCount: 0,
    collectionTitle: definition.title,
    startsAt: '',
    endsAt: '',
    open: true,
    formVersionId: 0,
    organization: { code: '', shortName: '', timezone: 'Europe/Moscow' },
    definition,
    cells: {},
    canEdit: true,
  };
  return new ResponseDraft(response, queue);
}
