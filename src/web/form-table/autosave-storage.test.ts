// The tab's id decides which localStorage slot its unsent changes wait in: a reload must find its
// own slot again, and a duplicated tab must not share the original's (each would overwrite the
// other's queue, and changes typed in one would be lost).
import { describe, expect, it } from 'vitest';
import { markTabLive, TabSlotStore, tabId } from './autosave-storage.js';
import type { QueuedChange } from './autosave-types.js';
import { memoryStorage } from './memory-storage.js';

/** What «Duplicate tab» does: a copy of the tab's sessionStorage, taken while its page is alive. */
function copyOf(storage: Storage): Storage {
  const copy = memoryStorage();
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i) as string;
    copy.setItem(key, storage.getItem(key) as string);
  }
  return copy;
}

const change = (cell: string, value: string): QueuedChange => ({
  id: `${cell}-${value}`,
  cell,
  value,
  base: 0,
  editedAt: 0,
  sent: false,
  state: 'pending',
});

describe('tab id', () => {
  it('is kept across a reload of the tab', () => {
    const session = memoryStorage();
    const first = tabId(session);
    markTabLive(session, false); // pagehide of the reload
    expect(tabId(session)).toBe(first);
  });

  it('is new in a duplicated tab, so the two tabs keep separate slots', () => {
    const local = memoryStorage();
    const session = memoryStorage();
    const original = tabId(session);
    const duplicate = tabId(copyOf(session));
    expect(duplicate).not.toBe(original);

    const a = new TabSlotStore(local, 7, original);
    const b = new TabSlotStore(local, 7, duplicate);
    a.save([change('pupils.g1.boys', '12')]);
    b.save([change('pupils.g1.girls', '11')]);
    expect(a.load()).toEqual([change('pupils.g1.boys', '12')]);
    expect(b.load()).toEqual([change('pupils.g1.girls', '11')]);
    expect(TabSlotStore.pendingIn(local, 7)).toBe(2);
  });

  it('is new in a tab restored after a crash, whose page never said goodbye', () => {
    const session = memoryStorage();
    const before = tabId(session);
    expect(tabId(session)).not.toBe(before);
  });

  it('stays the same after the back-forward cache gives the page back', () => {
    const session = memoryStorage();
    const id = tabId(session);
    markTabLive(session, false);
    markTabLive(session, true);
    // A duplicate taken now must still get its own id.
    expect(tabId(copyOf(session))).not.toBe(id);
  });

  it('is fresh for every page without sessionStorage', () => {
    expect(tabId(null)).not.toBe(tabId(null));
  });
});
