// Where the pages go when the server says the session is gone (401) or a one-time password must be
// changed first (403 password_change_required). Installed once, with the router, in main.tsx.
import type { QueryClient } from '@tanstack/react-query';
import type { createBrowserRouter } from 'react-router';
import { setApiHooks } from './api.js';
import { sessionClock } from './session-clock.js';

type Router = ReturnType<typeof createBrowserRouter>;

export const LOGIN_PATH = '/login';
export const CHANGE_PASSWORD_PATH = '/account/password';

/** Why the login page is shown again; the page prints the matching message. */
export type LoginReason = 'idle' | 'ended';
export const LOGIN_REASON_MESSAGES: Record<LoginReason, string> = {
  idle: 'Сеанс завершён из-за бездействия. Войдите снова.',
  ended: 'Сеанс завершён. Войдите снова.',
};

let router: Router | null = null;
let queryClient: QueryClient | null = null;
let leaving = false;

export function loginPath(reason?: LoginReason, next?: string): string {
  const params = new URLSearchParams();
  if (reason) params.set('reason', reason);
  if (next && next !== '/' && next !== LOGIN_PATH) params.set('next', next);
  const qs = params.toString();
  return qs ? `${LOGIN_PATH}?${qs}` : LOGIN_PATH;
}

/** Only our own paths: `next` comes from the address bar, so it must not send anyone elsewhere. */
export function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

/** Leaves the signed-in area for the login page and forgets everything cached for this user. */
export function leaveToLogin(reason?: LoginReason) {
  if (!router || leaving) return;
  const here = router.state.location;
  if (here.pathname === LOGIN_PATH) return;
  leaving = true;
  sessionClock.clear();
  const next = reason ? here.pathname + here.search : undefined;
  void router.navigate(loginPath(reason, next), { replace: true }).finally(() => {
    queryClient?.clear();
    leaving = false;
  });
}

export function installAuthRedirects(r: Router, qc: QueryClient) {
  router = r;
  queryClient = qc;
  setApiHooks({
    onUnauthorized: () => {
      const deadline = sessionClock.get();
      // A session we knew about either ran out of idle time or was ended elsewhere
      // (password changed in another browser, account deactivated).
      if (!deadline) return leaveToLogin();
      leaveToLogin(Date.now() >= deadline.at - 5000 ? 'idle' : 'ended');
    },
    onPasswordChangeRequired: () => {
      if (r.state.location.pathname !== CHANGE_PASSWORD_PATH) void r.navigate(CHANGE_PASSWORD_PATH);
    },
    onActivity: () => sessionClock.noteActivity(),
  });
}
