// Shows what went wrong in the server's own Russian words (problem+json `detail`).
import type { ReactNode } from 'react';
import { errorMessage } from '../app/api.js';

export function ProblemMessage({ error, children }: { error: unknown; children?: ReactNode }) {
  if (!error) return null;
  return (
    <div className="message message-error" role="alert">
      {errorMessage(error)}
      {children}
    </div>
  );
}

/** Good news after an action («Пароль изменён.»). */
export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div className="message message-success" role="status">
      {children}
    </div>
  );
}

export function InfoMessage({ children }: { children: ReactNode }) {
  return <div className="message message-info">{children}</div>;
}

export function Loading({ label = 'Загрузка…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
