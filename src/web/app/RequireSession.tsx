// The gate of the signed-in area: loads the session, keeps anyone with a one-time password on the
// change-password page, and wraps every page in the shell with the idle-session watcher.
import { Navigate, useLocation } from 'react-router';
import { Button } from '../ui/Button.js';
import { Loading, ProblemMessage } from '../ui/ProblemMessage.js';
import { ApiError } from './api.js';
import { CHANGE_PASSWORD_PATH } from './auth-redirects.js';
import { IdleWatcher } from './IdleWatcher.js';
import { Shell } from './Shell.js';
import { SessionProvider, useSessionQuery } from './session.js';

export function RequireSession() {
  const location = useLocation();
  const query = useSessionQuery();

  if (query.data) {
    if (query.data.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
      return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
    }
    return (
      <SessionProvider session={query.data}>
        <IdleWatcher />
        <Shell />
      </SessionProvider>
    );
  }

  // A 401 is already on its way to the login page (app/auth-redirects.ts).
  if (query.error && !(query.error instanceof ApiError && query.error.status === 401)) {
    return (
      <main id="content" className="page page-narrow">
        <h1>Не удалось открыть личный кабинет</h1>
        <ProblemMessage error={query.error} />
        <Button variant="primary" onClick={() => void query.refetch()}>
          Повторить
        </Button>
      </main>
    );
  }
  return (
    <main id="content" className="page page-narrow">
      <Loading />
    </main>
  );
}
