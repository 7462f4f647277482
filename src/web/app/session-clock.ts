// When the session will end for inactivity, in this browser's clock. The server is the authority
// (GET /api/auth/session answers expiresAt); between polls, our own requests slide the expiry, and we
// estimate that conservatively. The idle warning trusts only a deadline confirmed by the server.
import { serverClockOffset } from './api.js';

// The server slides the expiry at most once per this interval (src/server/auth/sessions.ts).
const SERVER_TOUCH_INTERVAL_MS = 15_000;

export type IdleDeadline = {
  /** Local epoch milliseconds at which the session ends. */
  at: number;
  /** true when `at` comes straight from the server; false when it is our estimate after activity. */
  confirmed: boolean;
  /** When the server last told us (local epoch ms); another tab may have extended the session since. */
  checkedAt: number;
  idleTimeoutMs: number;
};

let current: IdleDeadline | null = null;
const listeners = new Set<() => void>();

function publish(next: IdleDeadline | null) {
  current = next;
  for (const listener of listeners) listener();
}

export const sessionClock = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get(): IdleDeadline | null {
    return current;
  },
  /** From the server: `expiresAt` is in the server's clock, hence the offset. */
  confirm(expiresAt: string, idleTimeoutSeconds: number) {
    const at = Date.parse(expiresAt) - serverClockOffset();
    if (Number.isNaN(at)) return;
    publish({ at, confirmed: true, checkedAt: Date.now(), idleTimeoutMs: idleTimeoutSeconds * 1000 });
  },
  /** One of our requests succeeded, so the server has (probably) slid the expiry. */
  noteActivity() {
    if (!current) return;
    const estimate = Date.now() + current.idleTimeoutMs - SERVER_TOUCH_INTERVAL_MS;
    if (estimate > current.at) publish({ ...current, at: estimate, confirmed: false });
  },
  clear() {
    publish(null);
  },
};

/** How long before the end the warning appears: two minutes, or half the timeout if that is shorter. */
export function warningLeadMs(idleTimeoutMs: number): number {
  return Math.min(120_000, idleTimeoutMs / 2);
}
