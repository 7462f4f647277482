// The organization's table (form-table/FormTable) reads its cells from a ResponseDraft, which
// normally sits on the autosave queue. For «Предпросмотр» the queue lives in memory and its
// "server" is this function: each change is accepted at once and goes nowhere. What is typed is
// checked by the shared engine, exactly as for an organization, and forgotten with the page.
import type { FormDefinition } from '../../../shared/forms/definition.js';
import type { Transport } from '../../form-table/autosave-types.js';
import { localDraft } from '../../form-table/local-draft.js';
import type { ResponseDraft } from '../../form-table/response-draft.js';

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
  return localDraft({
    id: 0,
    definition,
    cells: {},
    canEdit: true,
    transport: acceptLocally,
    newId: () => `preview-${++changeSeq}`,
  });
}
