// Each hook reads one small thing from the draft: a cell re-renders only when its own value,
// state or message changes, not on every keystroke elsewhere in a 150-cell form.
import { useSyncExternalStore } from 'react';
import type { CellSaveStatus, QueueStatus } from './autosave-types.js';
import type { ResponseDraft } from './response-draft.js';

function useDraft<T>(draft: ResponseDraft, read: () => T): T {
  return useSyncExternalStore(draft.subscribe, read, read);
}

export const useCellValue = (draft: ResponseDraft, key: string) => useDraft(draft, () => draft.valueOf(key));

export const useComputedValue = (draft: ResponseDraft, key: string) =>
  useDraft(draft, () => draft.computedOf(key));

export const useCellMessage = (draft: ResponseDraft, key: string) =>
  useDraft(draft, () => draft.messageOf(key));

export const useCellSaveStatus = (draft: ResponseDraft, key: string): CellSaveStatus =>
  useDraft(draft, () => draft.queue.cellStatus(key));

export const useCellSaveError = (draft: ResponseDraft, key: string) =>
  useDraft(draft, () => draft.queue.cellError(key));

/** The row ids of a table, joined, so that the snapshot is a string and stays equal while they do. */
export const useRowIds = (draft: ResponseDraft, tableKey: string): string => {
  const table = draft.definition.tables.find((t) => t.key === tableKey);
  return useDraft(draft, () => (table ? draft.rowsOf(table).join(' ') : ''));
};

export const useQueueStatus = (draft: ResponseDraft): QueueStatus =>
  useDraft(draft, () => draft.queue.status());

export const usePendingCount = (draft: ResponseDraft): number =>
  useDraft(draft, () => draft.queue.pendingCount);

export const useQueueClosed = (draft: ResponseDraft): boolean => useDraft(draft, () => draft.queue.closed);

export const useCurrentCell = (draft: ResponseDraft) => useDraft(draft, () => draft.currentCell);

/** Bumps whenever the errors may have changed: the list «Ошибки в форме» re-reads them then. */
export const useErrorsRevision = (draft: ResponseDraft) => useDraft(draft, () => draft.errorsRevision);

export const useConflictRevision = (draft: ResponseDraft) =>
  useDraft(draft, () =>
    draft.queue
      .conflicts()
      .map((c) => `${c.id}:${c.value}:${c.current?.version}`)
      .join('|'),
  );
