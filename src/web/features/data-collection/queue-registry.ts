// One autosave queue per response for the life of the tab, not of the page: after «Закрыть» the
// queue keeps sending in the background, and opening the form again finds the same queue.
import { AutosaveQueue } from '../../form-table/autosave-queue.js';
import { markTabLive, newChangeId, TabSlotStore, tabId } from '../../form-table/autosave-storage.js';
import { changesTransport } from '../../form-table/autosave-transport.js';
import { memoryStorage } from '../../form-table/memory-storage.js';

const queues = new Map<number, AutosaveQueue>();
let listening = false;
/** Asked once per page: a second call would find this page's own live mark (autosave-storage.ts). */
let pageTabId: string | undefined;
let persistent = true;

/** localStorage, or (when the browser forbids it) memory, which the page then warns about. */
function localStore(): Storage {
  try {
    const s = window.localStorage;
    s.setItem('fis-oko:probe', '1');
    s.removeItem('fis-oko:probe');
    return s;
  } catch {
    persistent = false;
    return memoryStorage();
  }
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function queueFor(responseId: number): AutosaveQueue {
  let queue = queues.get(responseId);
  if (!queue) {
    pageTabId ??= tabId(sessionStore());
    const store = new TabSlotStore(localStore(), responseId, pageTabId);
    queue = new AutosaveQueue({ store, transport: changesTransport(responseId), newId: newChangeId });
    queues.set(responseId, queue);
  }
  listen();
  return queue;
}

export function existingQueue(responseId: number): AutosaveQueue | undefined {
  return queues.get(responseId);
}

/** False when changes cannot be kept in the browser across a reload. */
export function storageIsPersistent(): boolean {
  return persistent;
}

/** Unsaved changes of this response in this browser, including ones left by closed tabs. */
export function pendingInBrowser(responseId: number): number {
  const live = queues.get(responseId);
  if (live) return live.pendingCount;
  try {
    return TabSlotStore.pendingIn(window.localStorage, responseId);
  } catch {
    return 0;
  }
}

function listen() {
  if (listening) return;
  listening = true;
  window.addEventListener('online', () => {
    for (const q of queues.values()) q.resendNow();
  });
  window.addEventListener('pagehide', () => {
    for (const q of queues.values()) q.release();
    markTabLive(sessionStore(), false);
  });
  window.addEventListener('pageshow', (e) => {
    if (!e.persisted) return;
    markTabLive(sessionStore(), true);
    for (const q of queues.values()) q.reclaim();
  });
}
