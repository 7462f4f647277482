// The autosave queue: every edit becomes a change with its own id and the version it was based
// on, is written to the browser's storage before anything is sent, and leaves storage only when
// the server has answered about it. One batch is on the wire at a time; a batch without an answer
// is sent again with the same ids (the server applies each id once), so nothing is lost or doubled.
// Plain TypeScript: the page subscribes to it, the unit tests drive it with a fake transport.
import type {
  CellSaveStatus,
  CellVersion,
  ChangeResult,
  ChangeStore,
  FlushResult,
  QueuedChange,
  QueueStatus,
  SendOutcome,
  Transport,
} from './autosave-types.js';
import { latestOf, overallStatus, pickBatch, recordEdit, revive } from './change-list.js';

export const MAX_BATCH = 200;
const HEARTBEAT_MS = 10_000;

export type QueueOptions = {
  store: ChangeStore;
  transport: Transport;
  newId: () => string;
  /** Quiet time after a keystroke before a cell's change is sent. */
  debounceMs?: number;
  /** Pause before the n-th resend of a batch that got no answer. */
  backoffMs?: (attempt: number) => number;
  now?: () => number;
};

const defaultBackoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5));

export class AutosaveQueue {
  private changes: QueuedChange[];
  private readonly known = new Map<string, CellVersion>();
  private readonly saved = new Set<string>();
  private inFlight = false;
  private sendTimer: ReturnType<typeof setTimeout> | null = null;
  private backoffTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private attempt = 0;
  /** The server asked for no request before this time (Retry-After): nothing sends earlier. */
  private holdUntil = 0;
  private stopped: 'closed' | 'paused' | 'held' | null = 'held';
  private disposed = false;
  private flushing = false;
  private waiters: ((result: FlushResult) => void)[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly debounceMs: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly now: () => number;
  /** The last message from the server or the network, for the overall indicator. */
  lastError: string | null = null;
  /** False once the browser refused to store the queue: changes then live in memory only. */
  storageOk = true;
  /** Bumps whenever a cell's shown value may have changed (edits, conflicts resolved). */
  valuesRevision = 0;

  constructor(private readonly options: QueueOptions) {
    this.debounceMs = options.debounceMs ?? 400;
    this.backoffMs = options.backoffMs ?? defaultBackoff;
    this.now = options.now ?? Date.now;
    // After a reload everything not yet confirmed is sent again: the server decides, by id, what it has.
    this.changes = options.store.load().map(revive);
  }

  // ── what the page reads ──

  /** The value the person sees: their latest unsaved change, else the server's. */
  valueOf(cell: string): string | null {
    const latest = this.latestChange(cell);
    return latest ? latest.value : (this.known.get(cell)?.value ?? null);
  }

  /** Every cell's shown value: the server's with unsaved changes on top. */
  values(): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    for (const [cell, v] of this.known) out[cell] = v.value;
    for (const c of this.changes) out[c.cell] = c.value;
    return out;
  }

  cellStatus(cell: string): CellSaveStatus {
    const latest = this.latestChange(cell);
    if (!latest) return this.saved.has(cell) ? 'saved' : 'idle';
    return latest.state === 'pending' ? 'saving' : latest.state;
  }

  cellError(cell: string): string | null {
    return this.latestChange(cell)?.error ?? null;
  }

  status(): QueueStatus {
    return overallStatus(this.changes, this.stopped);
  }

  /** The server refused writes: the collection is closed. */
  get closed(): boolean {
    return this.stopped === 'closed';
  }

  /** Changes not yet confirmed by the server. */
  get pendingCount(): number {
    return this.changes.length;
  }

  conflicts(): QueuedChange[] {
    return this.changes.filter((c) => c.state === 'conflict');
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  // ── what the page does ──

  /** The server's cells, as GET /api/responses/:id gives them. A newer version we already know wins. */
  seed(cells: Record<string, CellVersion>) {
    for (const [cell, v] of Object.entries(cells)) this.learn(cell, v);
    this.valuesRevision++;
    this.notify();
  }

  /** Starts (or resumes) sending; the server has just said the collection is open. */
  start() {
    if (this.stopped === 'closed')
      for (const c of this.changes) if (c.state === 'closed') c.state = 'pending';
    this.stopped = null;
    this.heartbeatTimer ??= setInterval(() => this.beat(), HEARTBEAT_MS);
    this.beat();
    this.pump();
  }

  /** The collection is closed: keep every change, send nothing. */
  markClosed(message: string | null = null) {
    this.stopped = 'closed';
    this.lastError = message ?? this.lastError;
    for (const c of this.changes) c.state = 'closed';
    this.commit();
  }

  edit(cell: string, value: string | null) {
    this.editMany([[cell, value]]);
  }

  /** Several cells at once (a pasted block, a new row): one write to storage, one notification. */
  editMany(edits: [cell: string, value: string | null][]) {
    let changed = false;
    for (const [cell, value] of edits) {
      const known = this.known.get(cell) ?? { value: null, version: 0 };
      const next = recordEdit(this.changes, cell, value, known, this.now(), this.options.newId);
      if (next) this.changes = next;
      changed = changed || next !== null;
    }
    if (!changed) return;
    if (this.stopped === 'closed') for (const c of this.changes) c.state = 'closed';
    this.valuesRevision++;
    this.commit();
    this.reschedule();
  }

  /** «Оставить моё»: send the person's value again, based on the server's current version. */
  keepMine(cell: string) {
    const c = this.changes.find((x) => x.cell === cell && x.state === 'conflict');
    if (!c) return;
    const base = c.current?.version ?? this.known.get(cell)?.version ?? 0;
    const { current: _current, ...rest } = c;
    this.replace(c, { ...rest, id: this.options.newId(), base, sent: false, state: 'pending' });
    this.commit();
    this.reschedule();
  }

  /** «Взять с сервера»: drop the person's change; the cell shows the server's value. */
  takeServer(cell: string) {
    for (const c of this.changes.filter((x) => x.cell === cell && x.state === 'conflict')) this.remove(c);
    this.valuesRevision++;
    this.commit();
  }

  /** The network is back: resend at once whatever waits for it. */
  resendNow() {
    if (this.stopped === 'paused') this.stopped = null;
    this.clearBackoff();
    this.pump();
  }

  /** «Повторить»: the refused changes get one more try, each alone. */
  retryFailed() {
    for (const c of this.changes) {
      if (c.state !== 'failed') continue;
      Object.assign(c, { id: this.options.newId(), sent: false, state: 'pending', solo: true });
      delete c.error;
    }
    this.commit();
    this.resendNow();
  }

  /** Sends everything now and resolves when the queue is empty, or says why it cannot be. */
  flush(): Promise<FlushResult> {
    if (this.changes.length === 0) return Promise.resolve({ ok: true });
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.flushing = true;
      if (this.stopped === 'paused') this.stopped = null;
      this.clearBackoff();
      this.reschedule();
    });
  }

  /** The page is being hidden or closed (pagehide). */
  release() {
    this.options.store.release?.(this.changes);
  }

  /** The page is back from the browser's back-forward cache: the slot is ours again. */
  reclaim() {
    this.commit();
  }

  dispose() {
    this.disposed = true;
    for (const t of [this.sendTimer, this.backoffTimer]) if (t) clearTimeout(t);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.sendTimer = this.backoffTimer = this.heartbeatTimer = null;
    this.stopped = this.stopped === 'closed' ? 'closed' : 'held';
  }

  // ── sending ──

  private reschedule() {
    if (this.sendTimer) clearTimeout(this.sendTimer);
    this.sendTimer = null;
    this.pump();
  }

  private pump() {
    if (this.inFlight) return;
    if (!this.stopped && !this.backoffTimer && !this.sendTimer) {
      const { batch, wakeAt } = this.nextBatch();
      if (batch.length > 0) {
        void this.send(batch);
        return;
      }
      if (wakeAt !== null) {
        this.sendTimer = setTimeout(() => {
          this.sendTimer = null;
          this.pump();
        }, wakeAt - this.now());
      }
    }
    this.settleWaiters();
  }

  private nextBatch() {
    return pickBatch(this.changes, this.now(), this.flushing ? 0 : this.debounceMs, MAX_BATCH);
  }

  private async send(batch: QueuedChange[]) {
    this.inFlight = true;
    for (const c of batch) c.sent = true;
    // Stored as sent before the request leaves: from now on these ids may be applied on the server.
    this.commit();
    let outcome: SendOutcome;
    try {
      outcome = await this.options.transport(
        batch.map(({ id, cell, value, base }) => ({ id, cell, value, base })),
      );
    } catch {
      outcome = { kind: 'retry', message: 'Нет связи с сервером.' };
    }
    // A page that is gone must not write its stale view over the next page's storage.
    if (this.disposed) return;
    this.inFlight = false;
    this.apply(batch, outcome);
    this.commit();
    this.pump();
  }

  private apply(batch: QueuedChange[], outcome: SendOutcome) {
    const live = batch.filter((c) => this.changes.includes(c));
    switch (outcome.kind) {
      case 'results': {
        this.attempt = 0;
        this.lastError = null;
        const byId = new Map(outcome.results.map((r) => [r.id, r]));
        for (const c of live) this.settle(c, byId.get(c.id));
        return;
      }
      case 'retry':
      case 'paused':
        this.lastError = outcome.message;
        for (const c of live) c.state = 'retrying';
        if (outcome.kind === 'paused') this.stopped = 'paused';
        else {
          this.attempt++;
          const asked = outcome.retryAfterMs ?? 0;
          if (asked > 0) this.holdUntil = this.now() + asked;
          this.waitThenPump(Math.max(asked, this.backoffMs(this.attempt)));
        }
        this.failWaiters(outcome.kind === 'paused' ? 'paused' : 'offline');
        return;
      case 'closed':
        this.markClosed(outcome.message);
        return;
      case 'rejected':
        this.lastError = outcome.message;
        if (live.length > 1) {
          // One bad change refuses the whole batch: send each alone to find it.
          for (const c of live) Object.assign(c, { solo: true, state: 'pending' });
          return;
        }
        for (const c of live) {
          Object.assign(c, { state: 'failed', error: outcome.message });
          this.absorbFollowers(c);
        }
        return;
    }
  }

  private settle(c: QueuedChange, result: ChangeResult | undefined) {
    if (!result) {
      c.state = 'retrying'; // not answered about: sending it again is safe
      return;
    }
    if (result.status === 'conflict') {
      this.learn(c.cell, result.current);
      Object.assign(c, { state: 'conflict', current: result.current });
      this.absorbFollowers(c);
      this.valuesRevision++;
      return;
    }
    this.remove(c);
    this.learn(c.cell, { value: result.value, version: result.version });
    this.saved.add(c.cell);
    for (const f of this.changes) {
      if (f.afterId !== c.id) continue;
      f.base = result.version;
      delete f.afterId;
    }
  }

  /** A change that will not be applied takes over the newer text typed after it. */
  private absorbFollowers(c: QueuedChange) {
    for (const f of this.changes.filter((x) => x.afterId === c.id)) {
      c.value = f.value;
      this.remove(f);
    }
  }

  // ── bookkeeping ──

  private learn(cell: string, v: CellVersion) {
    const had = this.known.get(cell);
    if (!had || v.version >= had.version) this.known.set(cell, v);
  }

  private latestChange(cell: string): QueuedChange | undefined {
    return latestOf(this.changes, cell);
  }

  private remove(c: QueuedChange) {
    this.changes = this.changes.filter((x) => x !== c);
  }

  private replace(c: QueuedChange, next: QueuedChange) {
    this.changes = this.changes.map((x) => (x === c ? next : x));
  }

  private waitThenPump(ms: number) {
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = null;
      this.pump();
    }, ms);
  }

  /** Ends the backoff early (network back, «Сдать отчет»), but never before the server's Retry-After. */
  private clearBackoff() {
    if (this.backoffTimer) clearTimeout(this.backoffTimer);
    this.backoffTimer = null;
    const held = this.holdUntil - this.now();
    if (held > 0) this.waitThenPump(held);
  }

  private beat() {
    const adopted = this.options.store.adoptOrphans();
    if (adopted.length) {
      this.changes.push(...adopted.map(revive));
      this.valuesRevision++;
      this.commit();
      this.pump();
    }
    this.options.store.heartbeat(this.changes);
  }

  private commit() {
    this.storageOk = this.options.store.save(this.changes);
    this.notify();
  }

  private notify() {
    for (const l of this.listeners) l();
  }

  private settleWaiters() {
    if (!this.waiters.length || this.inFlight) return;
    if (this.changes.length === 0) return this.resolveWaiters({ ok: true });
    const status = this.status();
    this.resolveWaiters({
      ok: false,
      reason: status === 'saved' || status === 'saving' ? 'offline' : status,
    });
  }

  private failWaiters(reason: 'offline' | 'paused') {
    if (this.waiters.length) this.resolveWaiters({ ok: false, reason });
  }

  private resolveWaiters(result: FlushResult) {
    const waiters = this.waiters;
    this.waiters = [];
    this.flushing = false;
    for (const w of waiters) w(result);
  }
}
