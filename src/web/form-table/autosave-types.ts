// The vocabulary of autosave, shared by the queue, its storage and its transport: what a queued
// change is, what the server answers about it, and what the page shows about it.

import type { CellVersion, ChangeResult } from '../../shared/api/responses.js';

/** A cell's value and version as the server holds it; the server's answer about one change (200, or
 * 409 cell_conflict). Both are declared with the route's response schema. */
export type { CellVersion, ChangeResult };

/** One change as POST /api/responses/:id/changes takes it. */
export type WireChange = { id: string; cell: string; value: string | null; base: number };

/** What came of sending one batch, as the queue needs to know it. */
export type SendOutcome =
  /** 200, or 409 cell_conflict: an answer about each change. */
  | { kind: 'results'; results: ChangeResult[] }
  /**
   * No answer (network, timeout, 5xx) or "not now" (429): the same ids may be sent again, the
   * server applies each once; not before `retryAfterMs` if the server said so (Retry-After).
   */
  | { kind: 'retry'; message: string; retryAfterMs?: number }
  /** The session is gone (401): wait until the person signs in again. */
  | { kind: 'paused'; message: string }
  /** 409 collection_closed or report_accepted: nothing more will be accepted. */
  | { kind: 'closed'; message: string }
  /** Any other refusal (400, 404, 422…): the batch was not applied and must not be resent as is. */
  | { kind: 'rejected'; message: string };

export type Transport = (changes: WireChange[]) => Promise<SendOutcome>;

export type ChangeState =
  /** Waiting to be sent (or on the wire). */
  | 'pending'
  /** Sent without an answer; will be sent again after a pause. */
  | 'retrying'
  /** Another person changed the cell first; the person must choose a value. */
  | 'conflict'
  /** Refused by the server; kept, shown, and sent again only when the person asks or types again. */
  | 'failed'
  /** The collection is closed; kept in the browser, never sent. */
  | 'closed';

export type QueuedChange = {
  id: string;
  cell: string;
  value: string | null;
  /** The cell's version this change was made from. */
  base: number;
  /**
   * Set when the change was made while an earlier change of the same cell was already on the wire:
   * its base is the version that change gets, filled in once the server answers about it.
   */
  afterId?: string;
  /** Time of the last keystroke that shaped it, for the debounce. */
  editedAt: number;
  /** Once on the wire its id may be applied, so its value never changes again. */
  sent: boolean;
  state: ChangeState;
  /** The server's refusal, for a failed change. */
  error?: string;
  /** The server's value, for a conflict. */
  current?: CellVersion;
  /** Refused in a batch with others: sent alone from now on, so one bad change cannot block the rest. */
  solo?: boolean;
};

/** Where the queue keeps its changes so that they survive a reload, a crash or a closed tab. */
export interface ChangeStore {
  load(): QueuedChange[];
  /** False when the browser refused to store them (quota, privacy mode). */
  save(changes: QueuedChange[]): boolean;
  /** Changes left behind by tabs that are gone, now ours (removed from their slots). */
  adoptOrphans(): QueuedChange[];
  /** Tells other tabs that this one is alive and owns its changes. */
  heartbeat(changes: QueuedChange[]): void;
  /** The tab is closing: another tab may adopt these changes at once. */
  release?(changes: QueuedChange[]): void;
}

export type CellSaveStatus = 'idle' | 'saving' | 'saved' | 'retrying' | 'conflict' | 'failed' | 'closed';

export type QueueStatus = 'saved' | 'saving' | 'offline' | 'conflict' | 'failed' | 'closed' | 'paused';

export type FlushResult = { ok: true } | { ok: false; reason: Exclude<QueueStatus, 'saved' | 'saving'> };
