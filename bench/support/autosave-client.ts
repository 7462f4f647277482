// Virtual users that save like the browser's autosave queue
// (src/web/form-table/autosave-queue.ts and autosave-transport.ts): a batch of
// changes, each with its own id and the version it was based on, is sent until the server answers
// about it. No answer, a timeout, a 5xx, 408 or 429 means "send the same ids again later", after
// the queue's backoff (1 s, 2 s, 4 s … 30 s) or the server's Retry-After when it gave one; the
// server applies each id once. One batch is on the wire per user at a time.
//
// Every change the server acknowledged (applied or duplicate, with its version) goes into a
// ledger, with every error the users saw, so that a benchmark can compare it with what is stored
// (verify-changes.ts) and say how long each fault was felt.
import { randomUUID } from 'node:crypto';
import type { HttpClient, HttpResult, Session } from './http.js';

export type Ack = { responseId: number; cell: string; value: string | null; version: number };

type Outcome = { at: number; session: number; ok: boolean; kind?: string };

export class AutosaveLedger {
  /** change id → what the server said it stored under that id. */
  readonly acks = new Map<string, Ack>();
  /** error kind (`503 from node`, `ECONNRESET`, `timeout`, …) → how many requests got it. */
  readonly errors = new Map<string, number>();
  /** Every request's outcome, in order: when each fault was felt and for how long. */
  readonly outcomes: Outcome[] = [];
  requests = 0;
  /** Batches sent again after an error (each counts once per resend). */
  resends = 0;
  /** Changes given up on: refused with a 4xx, or still unanswered when the run had to end. */
  abandoned = 0;
  /** Changes answered `duplicate`: resent after their first answer was lost, and not applied again. */
  duplicateAnswers = 0;
  /** Which node answered (X-Served-By, behind HAProxy) → answered batches. */
  readonly servedBy = new Map<string, number>();
  private started = performance.now();

  /** Starts the time line at 0 (when the load starts, after the sign-ins). */
  startClock() {
    this.started = performance.now();
  }

  /** Seconds since the load started: the time line that faults are placed on. */
  now() {
    return this.secondsAt(performance.now());
  }

  /** A moment (performance.now()) on that time line. */
  secondsAt(t: number) {
    return (t - this.started) / 1000;
  }

  record(session: number, kind?: string, node?: string) {
    this.requests++;
    if (node) this.servedBy.set(node, (this.servedBy.get(node) ?? 0) + 1);
    this.outcomes.push({ at: this.now(), session, ok: kind === undefined, kind });
    if (kind !== undefined) this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  errorCount() {
    let n = 0;
    for (const v of this.errors.values()) n += v;
    return n;
  }

  /**
   * How a fault at `from` was felt until `to`: the errors in that span, the last one, and when every
   * user that got an error had its batch acknowledged again (the service recovered for everyone).
   */
  feltBetween(from: number, to: number) {
    const inSpan = this.outcomes.filter((o) => o.at >= from && o.at < to);
    const lastError = new Map<number, number>();
    const errors: Record<string, number> = {};
    for (const o of inSpan) {
      if (o.ok) continue;
      lastError.set(o.session, o.at);
      errors[o.kind as string] = (errors[o.kind as string] ?? 0) + 1;
    }
    let recovered = 0;
    let unrecovered = 0;
    for (const [session, at] of lastError) {
      const next = this.outcomes.find((o) => o.session === session && o.ok && o.at > at);
      if (next) recovered = Math.max(recovered, next.at - from);
      else unrecovered++;
    }
    const last = Math.max(...lastError.values(), from);
    return {
      errors,
      sessionsAffected: lastError.size,
      lastErrorSeconds: last - from,
      recoveredSeconds: recovered,
      sessionsNotRecovered: unrecovered,
    };
  }

  /** Acknowledged changes and errors per `step` seconds, for a time line of the run. */
  timeline(step: number) {
    const rows: { from: number; ok: number; errors: number }[] = [];
    for (const o of this.outcomes) {
      const i = Math.floor(o.at / step);
      while (rows.length <= i) rows.push({ from: rows.length * step, ok: 0, errors: 0 });
      const row = rows[i] as (typeof rows)[number];
      if (o.ok) row.ok++;
      else row.errors++;
    }
    return rows;
  }
}

type WireChange = { id: string; cell: string; value: string | null; base: number };
type Result = { id: string; cell: string; status: string; version?: number; value?: string | null };

/** The browser queue's pause before the n-th resend of a batch without an answer. */
export const queueBackoffMs = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5));

export type AutosaveOptions = {
  /** Changes per batch (consecutive integer cells, as a person typing along a row). */
  batch: number;
  /** Pause after an acknowledged batch before the next one (a person typing), ±50 %. */
  thinkMs: number;
  /** Requests go through HAProxy: an answer without X-Served-By is then HAProxy's own. */
  viaProxy?: boolean;
  /** Told of every request: how long it took, and its error kind if it failed. */
  observe?: (ms: number, error?: string) => void;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Which error a request met: the HTTP status (behind HAProxy: and who said it), or the network's. */
function errorKind(res: HttpResult, viaProxy: boolean): string {
  if (!viaProxy) return String(res.status);
  return `${res.status} from ${res.headers['x-served-by'] ? 'a node' : 'HAProxy'}`;
}

function networkKind(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code ?? e.message ?? 'network error';
}

export class AutosaveUser {
  private readonly versions = new Map<string, number>();
  private pending: WireChange[] | null = null;
  private attempt = 0;
  private cursor: number;

  constructor(
    readonly index: number,
    private readonly client: HttpClient,
    private readonly session: Session,
    readonly responseId: number,
    private readonly keys: string[],
    private readonly ledger: AutosaveLedger,
    private readonly options: AutosaveOptions,
  ) {
    this.cursor = (index * 17) % keys.length;
  }

  private nextBatch(): WireChange[] {
    const out: WireChange[] = [];
    for (let i = 0; i < this.options.batch; i++) {
      const cell = this.keys[(this.cursor + i) % this.keys.length] as string;
      const base = this.versions.get(cell) ?? 0;
      // Each new version's value differs from the last, so every applied change leaves a history line.
      out.push({ id: randomUUID(), cell, value: String((base + 1) % 100_000), base });
    }
    this.cursor = (this.cursor + this.options.batch) % this.keys.length;
    return out;
  }

  /**
   * Saves batch after batch until `stopping()` says so, then keeps resending the batch on the wire
   * until it is answered or `giveUpAt` (performance.now()) passes.
   */
  async run(stopping: () => boolean, giveUpAt: () => number) {
    for (;;) {
      if (!this.pending) {
        if (stopping()) return;
        this.pending = this.nextBatch();
      } else if (performance.now() > giveUpAt()) {
        this.ledger.abandoned += this.pending.length;
        this.pending = null;
        return;
      }
      const wait = await this.send(this.pending);
      if (wait === null) {
        this.pending = null;
        this.attempt = 0;
        const think = this.options.thinkMs * (0.5 + Math.random());
        if (think > 0) await sleep(think);
      } else {
        this.ledger.resends++;
        await sleep(wait);
      }
    }
  }

  /** Sends one batch; null when it got its answer, otherwise how long to wait before resending it. */
  private async send(changes: WireChange[]): Promise<number | null> {
    const started = performance.now();
    const record = (kind?: string, node?: string) => {
      this.ledger.record(this.index, kind, node);
      this.options.observe?.(performance.now() - started, kind);
    };
    let res: HttpResult;
    try {
      res = await this.client.request(
        'POST',
        `/api/responses/${this.responseId}/changes`,
        this.session.headers,
        JSON.stringify({ changes }),
      );
    } catch (err) {
      record(networkKind(err));
      return queueBackoffMs(++this.attempt);
    }
    const conflict = res.status === 409 && res.text.includes('cell_conflict');
    if (res.status === 200 || conflict) {
      this.settle(JSON.parse(res.text).results as Result[]);
      const node = res.headers['x-served-by'];
      record(conflict ? 'conflict' : undefined, typeof node === 'string' ? node : undefined);
      return null;
    }
    record(errorKind(res, this.options.viaProxy ?? false));
    if (res.status >= 500 || res.status === 408 || res.status === 429) {
      const retryAfter = Number(res.headers['retry-after']);
      this.attempt++;
      return Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : queueBackoffMs(this.attempt);
    }
    // Any other refusal: the queue would show it to the person; these changes are not saved.
    this.ledger.abandoned += changes.length;
    return null;
  }

  private settle(results: Result[]) {
    for (const r of results) {
      if (r.status === 'duplicate') this.ledger.duplicateAnswers++;
      if (r.status === 'applied' || r.status === 'duplicate') {
        this.ledger.acks.set(r.id, {
          responseId: this.responseId,
          cell: r.cell,
          value: r.value ?? null,
          version: r.version as number,
        });
        this.versions.set(r.cell, r.version as number);
      } else if (r.status === 'conflict') {
        const current = (r as unknown as { current: { version: number } }).current;
        this.versions.set(r.cell, current.version);
      }
    }
  }
}
