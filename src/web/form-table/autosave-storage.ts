// Where unsent changes wait: the browser's localStorage, one slot per response and per tab, so that
// two tabs on the same form never overwrite each other's queue. A reload keeps its tab id (in
// sessionStorage) and so its slot; a duplicated tab, which inherits a copy of that sessionStorage,
// gets an id of its own (see tabId). A slot whose tab has closed or crashed is adopted by the next
// tab that opens the form, so its changes are sent rather than forgotten.
import type { ChangeStore, QueuedChange } from './autosave-types.js';

const PREFIX = 'fis-oko:autosave:v1:';
/** A tab that has not touched its slot for this long is gone (browsers slow hidden tabs' timers to 1/min). */
export const ORPHAN_AFTER_MS = 90_000;

type Slot = { heartbeat: number; changes: QueuedChange[] };

export const slotPrefix = (responseId: number) => `${PREFIX}${responseId}:`;

export class TabSlotStore implements ChangeStore {
  private readonly key: string;

  constructor(
    private readonly storage: Storage,
    private readonly responseId: number,
    tabId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = slotPrefix(responseId) + tabId;
  }

  load(): QueuedChange[] {
    return this.read(this.key)?.changes ?? [];
  }

  save(changes: QueuedChange[]): boolean {
    try {
      if (changes.length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify({ heartbeat: this.now(), changes } satisfies Slot));
      return true;
    } catch {
      return false;
    }
  }

  heartbeat(changes: QueuedChange[]) {
    if (changes.length) this.save(changes);
  }

  /** Marks this tab's slot as free to adopt at once: the tab is closing (pagehide). */
  release(changes: QueuedChange[]) {
    if (changes.length === 0) return;
    try {
      this.storage.setItem(this.key, JSON.stringify({ heartbeat: 0, changes } satisfies Slot));
    } catch {
      // Nothing more can be done while the page goes away; the slot stays with its last heartbeat.
    }
  }

  adoptOrphans(): QueuedChange[] {
    const adopted: QueuedChange[] = [];
    for (const key of this.otherSlots()) {
      const slot = this.read(key);
      if (slot && this.now() - slot.heartbeat < ORPHAN_AFTER_MS) continue;
      if (slot) adopted.push(...slot.changes);
      try {
        this.storage.removeItem(key);
      } catch {
        // An unreadable slot we cannot remove either: leave it.
      }
    }
    return adopted;
  }

  /** Every slot of this response, this tab's included, for the «Сбор данных» block to count. */
  static pendingIn(storage: Storage, responseId: number): number {
    let n = 0;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(slotPrefix(responseId))) continue;
      try {
        n += (JSON.parse(storage.getItem(key) ?? '{}') as Partial<Slot>).changes?.length ?? 0;
      } catch {
        // ignore an unreadable slot
      }
    }
    return n;
  }

  private otherSlots(): string[] {
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key?.startsWith(slotPrefix(this.responseId)) && key !== this.key) keys.push(key);
    }
    return keys;
  }

  private read(key: string): Slot | null {
    try {
      const raw = this.storage.getItem(key);
      if (!raw) return null;
      const slot = JSON.parse(raw) as Partial<Slot>;
      return Array.isArray(slot.changes)
        ? { heartbeat: Number(slot.heartbeat) || 0, changes: slot.changes.filter(isChange) }
        : null;
    } catch {
      return null;
    }
  }
}

function isChange(c: unknown): c is QueuedChange {
  const x = c as QueuedChange;
  return (
    !!x &&
    typeof x.id === 'string' &&
    typeof x.cell === 'string' &&
    (x.value === null || typeof x.value === 'string') &&
    typeof x.base === 'number'
  );
}

/** A change id: a v4 UUID, also where crypto.randomUUID is missing (a page served over plain http). */
export function newChangeId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const TAB_KEY = 'fis-oko:tab';
/** Set while a page of this tab is alive, cleared when it goes away (pagehide). */
const LIVE_KEY = 'fis-oko:tab-live';

/**
 * The tab's id, once per page: it survives reloads of the tab (sessionStorage) but not a new tab.
 * «Duplicate tab» copies sessionStorage while the original page is alive, so the copy still carries
 * the original's live mark: then the duplicate takes a fresh id, else both tabs would write one slot.
 * A reload clears the mark on pagehide first and keeps its id. After a crash the mark stays, the
 * restored tab takes a fresh id, and the old slot is adopted as abandoned.
 */
export function tabId(session: Storage | null): string {
  const fresh = newChangeId().slice(0, 8);
  try {
    if (!session) return fresh;
    const had = session.getItem(TAB_KEY);
    const duplicated = session.getItem(LIVE_KEY) !== null;
    const id = had && !duplicated ? had : fresh;
    session.setItem(TAB_KEY, id);
    session.setItem(LIVE_KEY, '1');
    return id;
  } catch {
    // no sessionStorage: a new slot per page load; the old one is adopted once it looks abandoned
  }
  return fresh;
}

/** The page goes away (pagehide) or comes back from the back-forward cache (pageshow). */
export function markTabLive(session: Storage | null, live: boolean) {
  try {
    if (live) session?.setItem(LIVE_KEY, '1');
    else session?.removeItem(LIVE_KEY);
  } catch {
    // Without sessionStorage there is no id to keep either.
  }
}
