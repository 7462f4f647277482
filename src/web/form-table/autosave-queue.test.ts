// The autosave queue against a fake server behind a fake fetch, through the real API client and
// transport: storage before sending, reloads, order, retries, duplicates, conflicts, a closed collection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutosaveQueue } from './autosave-queue.js';
import { ORPHAN_AFTER_MS, TabSlotStore } from './autosave-storage.js';
import { changesTransport } from './autosave-transport.js';
import type { WireChange } from './autosave-types.js';
import { memoryStorage } from './memory-storage.js';

/** The server's autosave rules (src/server/responses/autosave.ts) in memory. */
class FakeServer {
  cells = new Map<string, { value: string | null; version: number }>();
  applied = new Map<string, { cell: string; value: string | null; version: number }>();
  requests: WireChange[][] = [];
  closed = false;
  /** Set to make the next requests fail before (or after) the server applies them. */
  failNext: ('network' | 'lost-answer' | 'hang' | '500' | '400' | '429')[] = [];

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (url === '/api/auth/csrf') return json(200, { token: 't' });
    const failure = this.failNext.shift();
    if (failure === 'network') throw new TypeError('Failed to fetch');
    const { changes } = JSON.parse(String(init?.body)) as { changes: WireChange[] };
    this.requests.push(changes);
    if (failure === '500') return json(500, { title: 'internal', detail: 'Ошибка' });
    if (failure === '400') return json(400, { title: 'bad_request', detail: 'Неизвестные ячейки: x.y.z.' });
    if (failure === '429') {
      const detail = 'Слишком много изменений за короткое время. Повторите через 2 мин.';
      return json(429, { title: 'too_many_requests', detail }, { 'retry-after': '120' });
    }
    if (this.closed) {
      return json(409, {
        title: 'collection_closed',
        detail: 'Сбор данных закрыт: изменения больше не принимаются.',
      });
    }
    const reused = changes.some((c) => {
      const prior = this.applied.get(c.id);
      return prior && (prior.cell !== c.cell || prior.value !== c.value);
    });
    if (reused)
      return json(422, { title: 'change_id_reused', detail: 'Идентификатор изменения уже использован.' });
    const results = changes.map((c) => this.apply(c));
    if (failure === 'lost-answer') throw new TypeError('connection reset');
    if (failure === 'hang') return new Promise(() => {}); // the page is closed before the answer
    const conflict = results.some((r) => r.status === 'conflict');
    return json(conflict ? 409 : 200, conflict ? { title: 'cell_conflict', results } : { results });
  };

  private apply(c: WireChange) {
    const prior = this.applied.get(c.id);
    if (prior) return { id: c.id, status: 'duplicate', ...prior };
    const cell = this.cells.get(c.cell) ?? { value: null, version: 0 };
    if (c.base !== cell.version)
      return { id: c.id, cell: c.cell, status: 'conflict', yours: c.value, current: cell };
    const next = { value: c.value, version: cell.version + 1 };
    this.cells.set(c.cell, next);
    this.applied.set(c.id, { cell: c.cell, ...next });
    return { id: c.id, cell: c.cell, status: 'applied', ...next };
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  const type = status < 400 ? 'application/json' : 'application/problem+json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type, ...headers } });
}

let server: FakeServer;
let storage: Storage;
let ids = 0;
const queues: AutosaveQueue[] = [];

function openQueue(tab = 'tab1', responseId = 7) {
  const q = new AutosaveQueue({
    store: new TabSlotStore(storage, responseId, tab),
    transport: changesTransport(responseId),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    backoffMs: () => 1000,
  });
  q.seed(Object.fromEntries(server.cells));
  queues.push(q);
  return q;
}

const stored = () => TabSlotStore.pendingIn(storage, 7);
const settle = () => vi.advanceTimersByTimeAsync(500);

beforeEach(() => {
  vi.useFakeTimers();
  server = new FakeServer();
  storage = memoryStorage();
  vi.stubGlobal('fetch', server.fetch);
});
afterEach(() => {
  for (const q of queues.splice(0)) q.dispose();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('autosave queue', () => {
  it('stores each keystroke before sending, sends one change per cell after the pause, then forgets it', async () => {
    const q = openQueue();
    q.start();
    q.edit('pupils.g1.boys', '1');
    q.edit('pupils.g1.boys', '12');
    expect(stored()).toBe(1);
    expect(server.requests).toHaveLength(0);
    await settle();
    expect(server.requests).toEqual([
      [expect.objectContaining({ cell: 'pupils.g1.boys', value: '12', base: 0 })],
    ]);
    expect(q.status()).toBe('saved');
    expect(q.cellStatus('pupils.g1.boys')).toBe('saved');
    expect(stored()).toBe(0);
  });

  it('survives a reload while offline: the new page shows the unsent values and replays them in order', async () => {
    const first = openQueue();
    first.start();
    server.failNext = ['network', 'network', 'network'];
    first.edit('pupils.g1.boys', '10');
    await settle();
    first.edit('pupils.g2.boys', '20');
    first.edit('school.info.responsible', 'Иванова');
    expect(first.status()).toBe('offline');
    first.dispose(); // the page is gone

    const second = openQueue();
    expect(second.valueOf('pupils.g1.boys')).toBe('10');
    expect(second.valueOf('school.info.responsible')).toBe('Иванова');
    server.failNext = [];
    second.start();
    await settle();
    expect(server.requests.flat().map((c) => c.cell)).toEqual([
      'pupils.g1.boys',
      'pupils.g2.boys',
      'school.info.responsible',
    ]);
    expect(server.cells.get('school.info.responsible')).toEqual({ value: 'Иванова', version: 1 });
    expect(second.status()).toBe('saved');
    expect(stored()).toBe(0);
  });

  it('never reuses the id of a change that may have reached the server, even after a reload', async () => {
    const first = openQueue();
    first.start();
    server.failNext = ['hang'];
    first.edit('pupils.g1.boys', '1');
    await settle();
    first.dispose(); // closed while the request was on the wire
    const second = openQueue();
    second.edit('pupils.g1.boys', '2');
    second.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.cells.get('pupils.g1.boys')).toEqual({ value: '2', version: 2 });
    expect(second.status()).toBe('saved');
  });

  it('retries after a network error or a 5xx with the same ids, and the server applies them once', async () => {
    const q = openQueue();
    q.start();
    server.failNext = ['network', '500', 'lost-answer'];
    q.edit('pupils.g1.boys', '5');
    await settle();
    expect(q.cellStatus('pupils.g1.boys')).toBe('retrying');
    expect(q.status()).toBe('offline');
    await vi.advanceTimersByTimeAsync(1000); // 500
    await vi.advanceTimersByTimeAsync(1000); // applied, answer lost
    await vi.advanceTimersByTimeAsync(1000); // duplicate
    const sentIds = server.requests.map((r) => r[0]?.id);
    expect(new Set(sentIds).size).toBe(1);
    expect(server.requests).toHaveLength(3);
    expect(server.cells.get('pupils.g1.boys')).toEqual({ value: '5', version: 1 });
    expect(q.status()).toBe('saved');
  });

  it('after 429, waits as long as Retry-After says, even when asked to send everything now, then sends the same ids', async () => {
    const q = openQueue();
    q.start();
    server.failNext = ['429'];
    q.edit('pupils.g1.boys', '5');
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(q.cellStatus('pupils.g1.boys')).toBe('retrying');
    expect(q.lastError).toBe('Слишком много изменений за короткое время. Повторите через 2 мин.');
    await vi.advanceTimersByTimeAsync(60_000); // well past the queue's own backoff (1 s here)
    q.resendNow(); // the network came back
    expect(await q.flush()).toEqual({ ok: false, reason: 'offline' }); // «Сдать отчет» cannot wait
    await vi.advanceTimersByTimeAsync(59_000);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.[0]?.id).toBe(server.requests[0]?.[0]?.id);
    expect(server.cells.get('pupils.g1.boys')).toEqual({ value: '5', version: 1 });
    expect(q.status()).toBe('saved');
  });

  it('bases a change typed while the previous one was on the wire on the version that one got', async () => {
    const q = openQueue();
    q.start();
    server.failNext = ['lost-answer'];
    q.edit('pupils.g1.boys', '1');
    await settle();
    q.edit('pupils.g1.boys', '2');
    expect(q.valueOf('pupils.g1.boys')).toBe('2');
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(server.cells.get('pupils.g1.boys')).toEqual({ value: '2', version: 2 });
    expect(q.status()).toBe('saved');
  });

  it('shows a conflict with both values and never overwrites silently; «оставить моё» resends on the current version', async () => {
    server.cells.set('teachers.first.exp_0_3', { value: '3', version: 0 });
    const q = openQueue();
    q.start();
    server.cells.set('teachers.first.exp_0_3', { value: '4', version: 1 }); // someone else
    q.edit('teachers.first.exp_0_3', '5');
    q.edit('teachers.none.exp_0_3', '1');
    await settle();
    expect(q.status()).toBe('conflict');
    expect(q.cellStatus('teachers.none.exp_0_3')).toBe('saved');
    const [conflict] = q.conflicts();
    expect(conflict).toMatchObject({ value: '5', current: { value: '4', version: 1 } });
    expect(server.cells.get('teachers.first.exp_0_3')?.value).toBe('4');
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.requests).toHaveLength(1); // waits for the person

    q.keepMine('teachers.first.exp_0_3');
    await settle();
    expect(server.requests.at(-1)).toEqual([expect.objectContaining({ value: '5', base: 1 })]);
    expect(server.cells.get('teachers.first.exp_0_3')).toEqual({ value: '5', version: 2 });
    expect(q.status()).toBe('saved');
  });

  it('«взять с сервера» drops the local change and shows the server value', async () => {
    const q = openQueue();
    q.start();
    server.cells.set('pupils.g3.girls', { value: '9', version: 1 });
    q.edit('pupils.g3.girls', '8');
    await settle();
    q.takeServer('pupils.g3.girls');
    expect(q.valueOf('pupils.g3.girls')).toBe('9');
    expect(q.status()).toBe('saved');
    expect(stored()).toBe(0);
  });

  it('stops on a closed collection and keeps the refused changes, across a reload too', async () => {
    const q = openQueue();
    q.start();
    server.closed = true;
    q.edit('pupils.g1.boys', '7');
    await settle();
    expect(q.status()).toBe('closed');
    expect(q.lastError).toBe('Сбор данных закрыт: изменения больше не принимаются.');
    expect(q.cellStatus('pupils.g1.boys')).toBe('closed');
    q.edit('pupils.g1.girls', '8');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests).toHaveLength(1);
    expect(stored()).toBe(2);
    expect(await q.flush()).toEqual({ ok: false, reason: 'closed' });

    q.dispose();
    const again = openQueue();
    again.markClosed();
    expect(again.valueOf('pupils.g1.girls')).toBe('8');
    expect(again.status()).toBe('closed');
  });

  it('marks a refused change failed without looping, and sends the others of its batch alone', async () => {
    const q = openQueue();
    q.start();
    server.failNext = ['400', '400'];
    q.edit('pupils.g1.boys', '1');
    q.edit('pupils.g2.boys', '2');
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests.map((r) => r.length)).toEqual([2, 1, 1]);
    expect(q.cellStatus('pupils.g1.boys')).toBe('failed');
    expect(q.cellError('pupils.g1.boys')).toMatch(/Неизвестные ячейки/);
    expect(q.cellStatus('pupils.g2.boys')).toBe('saved');
    expect(q.status()).toBe('failed');
    q.retryFailed();
    await settle();
    expect(q.status()).toBe('saved');
  });

  it('flushes before «Сдать отчет», and says so when it cannot', async () => {
    const q = openQueue();
    q.start();
    q.edit('pupils.g1.boys', '1');
    expect(await q.flush()).toEqual({ ok: true });
    server.failNext = ['network'];
    q.edit('pupils.g1.boys', '2');
    expect(await q.flush()).toEqual({ ok: false, reason: 'offline' });
    expect(await q.flush()).toEqual({ ok: true });
    expect(server.cells.get('pupils.g1.boys')?.value).toBe('2');
  });

  it('adopts the changes of a tab that is gone, and leaves a live tab’s alone', async () => {
    const other = openQueue('tab2');
    other.edit('pupils.g5.boys', '55');
    other.dispose();
    const mine = openQueue('tab1');
    mine.start();
    expect(mine.valueOf('pupils.g5.boys')).toBe(null);
    await vi.advanceTimersByTimeAsync(ORPHAN_AFTER_MS + 10_000);
    expect(server.cells.get('pupils.g5.boys')?.value).toBe('55');
    expect(stored()).toBe(0);
  });
});
