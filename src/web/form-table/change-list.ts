// The autosave queue's list of changes, as plain functions: how an edit joins the list, which
// changes may go in the next batch, and what the list as a whole means for the indicator.
import type { CellVersion, QueuedChange, QueueStatus } from './autosave-types.js';

export const latestOf = (changes: QueuedChange[], cell: string) => changes.findLast((c) => c.cell === cell);

/**
 * Adds the person's edit of a cell to the list. Returns the new list, or null when nothing changed.
 * A change not yet sent takes the new value; a change already sent is never altered (its id may be
 * applied on the server), so a second change follows it, based on the version it will get.
 */
export function recordEdit(
  changes: QueuedChange[],
  cell: string,
  value: string | null,
  known: CellVersion,
  now: number,
  newId: () => string,
): QueuedChange[] | null {
  const latest = latestOf(changes, cell);
  const fresh = (base: number, afterId?: string): QueuedChange => ({
    id: newId(),
    cell,
    value,
    base,
    editedAt: now,
    sent: false,
    state: 'pending',
    ...(afterId ? { afterId } : {}),
  });
  if (latest && !latest.sent && latest.state === 'pending') {
    Object.assign(latest, { value, editedAt: now });
    // Typed back to what the server has: nothing to send.
    const unchanged = !latest.afterId && latest.base === known.version && value === known.value;
    return unchanged ? changes.filter((c) => c !== latest) : changes;
  }
  if (latest && (latest.state === 'conflict' || latest.state === 'closed')) {
    // A conflict still waits for the person's choice; their newest text is «Ваше значение».
    Object.assign(latest, { value, editedAt: now });
    return changes;
  }
  if (latest?.state === 'failed') {
    // Typing again is asking to try again; a fresh id, since the old one may be known to the server.
    Object.assign(latest, { id: newId(), value, editedAt: now, sent: false, state: 'pending' });
    delete latest.error;
    delete latest.solo;
    return changes;
  }
  if (latest) return [...changes, fresh(latest.base, latest.id)];
  return value === known.value ? null : [...changes, fresh(known.version)];
}

/**
 * The changes ready to go: the first unsettled change of each cell (a later one waits for its
 * version), each quiet for `debounceMs` unless already sent once; a change under suspicion goes alone.
 */
export function pickBatch(
  changes: QueuedChange[],
  now: number,
  debounceMs: number,
  max: number,
): { batch: QueuedChange[]; wakeAt: number | null } {
  const batch: QueuedChange[] = [];
  const cells = new Set<string>();
  let wakeAt: number | null = null;
  for (const c of changes) {
    if (cells.has(c.cell)) continue;
    cells.add(c.cell);
    if ((c.state !== 'pending' && c.state !== 'retrying') || c.afterId) continue;
    const readyAt = c.editedAt + debounceMs;
    if (!c.sent && readyAt > now) {
      wakeAt = wakeAt === null ? readyAt : Math.min(wakeAt, readyAt);
      continue;
    }
    if (c.solo) {
      if (batch.length === 0) return { batch: [c], wakeAt };
      continue;
    }
    batch.push(c);
    if (batch.length === max) break;
  }
  return { batch, wakeAt };
}

export function overallStatus(changes: QueuedChange[], stopped: string | null): QueueStatus {
  if (changes.length === 0) return 'saved';
  const has = (s: QueuedChange['state']) => changes.some((c) => c.state === s);
  if (stopped === 'closed' || has('closed')) return 'closed';
  if (has('conflict')) return 'conflict';
  if (has('failed')) return 'failed';
  if (stopped === 'paused') return 'paused';
  if (has('retrying')) return 'offline';
  return 'saving';
}

/** A change read back from storage: whatever it was waiting for, it is sent again. */
export function revive(c: QueuedChange): QueuedChange {
  const { current: _current, error: _error, ...rest } = c;
  return { ...rest, state: 'pending' };
}
