// Warns before the session ends for inactivity and ends it on time. The warning appears only when
// the server has just confirmed the deadline (another tab may have kept the session alive), and at
// the deadline we ask the server once more before leaving.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { KeepAlive } from '../../shared/api/auth.js';
import { Button } from '../ui/Button.js';
import { Dialog } from '../ui/Dialog.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { api } from './api.js';
import { leaveToLogin } from './auth-redirects.js';
import { SESSION_QUERY_KEY } from './session.js';
import { sessionClock, warningLeadMs } from './session-clock.js';
import { formatRemaining } from './time-left.js';

// A deadline the server confirmed this recently is trusted without asking again.
const FRESH_MS = 10_000;

function useNow(intervalMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function IdleWatcher() {
  const queryClient = useQueryClient();
  const deadline = useSyncExternalStore(sessionClock.subscribe, sessionClock.get);
  const now = useNow(1000);
  const [warnedFor, setWarnedFor] = useState<number | null>(null);
  const [extending, setExtending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef<string | null>(null);

  const remaining = deadline ? deadline.at - now : Number.POSITIVE_INFINITY;
  const inWarning = !!deadline && remaining <= warningLeadMs(deadline.idleTimeoutMs);
  const fresh = !!deadline?.confirmed && now - deadline.checkedAt < FRESH_MS;
  const showing = !!deadline && inWarning && remaining > 0 && (warnedFor === deadline.at || fresh);

  // Once shown for a deadline, the warning stays until the deadline moves or passes.
  useEffect(() => {
    if (showing && deadline && warnedFor !== deadline.at) setWarnedFor(deadline.at);
  }, [showing, deadline, warnedFor]);

  // Near or past the end without a fresh word from the server: ask it (once per answer).
  useEffect(() => {
    if (!deadline || !inWarning || showing) return;
    const key = `${deadline.at}:${deadline.checkedAt}`;
    if (asked.current === key) return;
    asked.current = key;
    void queryClient.refetchQueries({ queryKey: SESSION_QUERY_KEY }).then(() => {
      const after = sessionClock.get();
      // The server still knows the session but its deadline has passed by our clock: it is over.
      if (after?.confirmed && after.at <= Date.now()) leaveToLogin('idle');
    });
  }, [deadline, inWarning, showing, queryClient]);

  if (!showing) return null;

  async function keepAlive() {
    setExtending(true);
    setError(null);
    try {
      const r = await api.post<KeepAlive>('/api/auth/keepalive');
      sessionClock.confirm(r.expiresAt, (deadline?.idleTimeoutMs ?? 0) / 1000);
    } catch (err) {
      setError(err);
    } finally {
      setExtending(false);
    }
  }

  async function logOut() {
    try {
      await api.post('/api/auth/logout');
    } finally {
      leaveToLogin();
    }
  }

  return (
    <Dialog
      title="Сеанс скоро завершится"
      role="alertdialog"
      onCancel={keepAlive}
      testId="idle-dialog"
      actions={
        <>
          <Button variant="primary" onClick={keepAlive} busy={extending} data-autofocus>
            Продолжить работу
          </Button>
          <Button onClick={logOut}>Выйти</Button>
        </>
      }
    >
      <p>
        Из-за бездействия сеанс будет завершён через{' '}
        <strong role="timer" data-testid="idle-remaining">
          {formatRemaining(remaining)}
        </strong>
        . Чтобы продолжить работу, нажмите «Продолжить работу».
      </p>
      <ProblemMessage error={error} />
    </Dialog>
  );
}
