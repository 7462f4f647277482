// Warns before the session ends for inactivity and ends it on time. The warning appears only when
// the server confirms the deadline; at the deadline we ask the server once more, because another
// tab may have kept the session alive.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Button } from '../ui/Button.js';
import { Dialog } from '../ui/Dialog.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { api } from './api.js';
import { leaveToLogin } from './auth-redirects.js';
import { SESSION_QUERY_KEY } from './session.js';
import { sessionClock, warningLeadMs } from './session-clock.js';
import { formatRemaining } from './time-left.js';

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
  const [extending, setExtending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const checking = useRef<number | null>(null);

  const remaining = deadline ? deadline.at - now : Number.POSITIVE_INFINITY;
  const inWarning = !!deadline && remaining <= warningLeadMs(deadline.idleTimeoutMs);

  // An estimated deadline near its end, or a confirmed one that has passed: ask the server.
  useEffect(() => {
    if (!deadline || !inWarning) return;
    if (deadline.confirmed && remaining > 0) return;
    if (checking.current === deadline.at) return;
    checking.current = deadline.at;
    void queryClient.refetchQueries({ queryKey: SESSION_QUERY_KEY }).then(() => {
      const after = sessionClock.get();
      // The server still knows the session but our clock says it is over: trust the clock.
      if (after?.confirmed && after.at <= Date.now()) leaveToLogin('idle');
    });
  }, [deadline, inWarning, remaining, queryClient]);

  if (!deadline || !inWarning || !deadline.confirmed || remaining <= 0) return null;

  async function keepAlive() {
    setExtending(true);
    setError(null);
    try {
      const r = await api.post<{ expiresAt: string }>('/api/auth/keepalive');
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
