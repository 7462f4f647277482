// Sends one batch of changes through the app's API client and tells the queue what came of it.
// Only a clear answer from the server ends a change's journey; anything unclear (no network, a
// timeout, a 5xx, a proxy's page) means "send the same ids again later", which the server makes safe.
import type { Answer } from '../../shared/api/common.js';
import type { responseResponses } from '../../shared/api/responses.js';
import { ApiError, api } from '../app/api.js';
import type { ChangeResult, SendOutcome, Transport, WireChange } from './autosave-types.js';

/** A request on a slow link may take long, but one that never answers must not stall the queue. */
const TIMEOUT_MS = 45_000;
const NO_NETWORK = 'Нет связи с сервером.';

export function changesTransport(responseId: number, timeoutMs = TIMEOUT_MS): Transport {
  return async (changes: WireChange[]): Promise<SendOutcome> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<SendOutcome>((resolve) => {
      // The late request may still be applied; the resend under the same ids is then a duplicate.
      timer = setTimeout(() => resolve({ kind: 'retry', message: 'Сервер не ответил вовремя.' }), timeoutMs);
    });
    try {
      return await Promise.race([post(responseId, changes), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

async function post(responseId: number, changes: WireChange[]): Promise<SendOutcome> {
  try {
    const body = await api.post<Answer<typeof responseResponses.changes>>(
      `/api/responses/${responseId}/changes`,
      {
        changes,
      },
    );
    return Array.isArray(body?.results)
      ? { kind: 'results', results: body.results }
      : { kind: 'retry', message: NO_NETWORK };
  } catch (error) {
    return outcomeOf(error);
  }
}

export function outcomeOf(error: unknown): SendOutcome {
  // A body cut off on the way (SyntaxError) or anything else unexpected: nothing is known, resend.
  if (!(error instanceof ApiError)) return { kind: 'retry', message: NO_NETWORK };
  const { status, title, detail, body } = error;
  if (status === 0) return { kind: 'retry', message: NO_NETWORK };
  if (status >= 500 || status === 408 || status === 429) {
    // The write limit (429) and an overloaded server (503) say how long to wait: Retry-After.
    const wait = error.retryAfterSeconds;
    return wait === null
      ? { kind: 'retry', message: detail }
      : { kind: 'retry', message: detail, retryAfterMs: wait * 1000 };
  }
  if (status === 409 && title === 'cell_conflict' && Array.isArray(body.results)) {
    return { kind: 'results', results: body.results as ChangeResult[] };
  }
  // The collection closed, or a coordinator accepted the report: nothing more will be accepted.
  if (status === 409 && (title === 'collection_closed' || title === 'report_accepted'))
    return { kind: 'closed', message: detail };
  if (status === 401 || (status === 403 && title === 'password_change_required')) {
    return { kind: 'paused', message: 'Сеанс завершён. Войдите снова: изменения сохранены в браузере.' };
  }
  return { kind: 'rejected', message: detail };
}
