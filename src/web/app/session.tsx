// The signed-in user, their permissions and the idle deadline, as GET /api/auth/session answers.
// Polled every 30 s (the poll does not extend the session) so the idle warning stays truthful.
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import type { authResponses } from '../../shared/api/auth.js';
import type { Answer } from '../../shared/api/common.js';
import type { Action } from '../../shared/permissions.js';
import type { SessionUser } from '../../shared/session-user.js';
import { api } from './api.js';
import { sessionClock } from './session-clock.js';

export type Permission = Action;

export type { SessionUser };

/** GET /api/auth/session, typed by its response schema (src/shared/api/auth.ts). */
export type Session = Answer<typeof authResponses.session>;

export const SESSION_QUERY_KEY = ['session'] as const;
const POLL_INTERVAL_MS = 30_000;

export async function fetchSession(options?: { skipAuthRedirect?: boolean }): Promise<Session> {
  const session = await api.get<Session>('/api/auth/session', undefined, options);
  sessionClock.confirm(session.expiresAt, session.idleTimeoutSeconds);
  return session;
}

export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: () => fetchSession(),
    refetchInterval: POLL_INTERVAL_MS,
    refetchIntervalInBackground: true,
  });
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The current session; only pages inside the signed-in area may call it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in area');
  return session;
}

export function useCan(permission: Permission): boolean {
  return useSession().permissions.includes(permission);
}

/** Does the user see more than one region (a region filter makes sense)? */
export function useSpansRegions(): boolean {
  return useSession().scopeSpans.regions;
}

/** Does the user see more than one municipality (a municipality filter makes sense)? */
export function useSpansMunicipalities(): boolean {
  return useSession().scopeSpans.municipalities;
}
