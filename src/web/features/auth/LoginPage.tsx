// Sign-in. The server answers the same «Неверный логин или пароль.» for a wrong login and a wrong
// password, and 429 after repeated failures; both are shown as the server words them.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../app/api.js';
import {
  CHANGE_PASSWORD_PATH,
  LOGIN_REASON_MESSAGES,
  type LoginReason,
  safeNext,
} from '../../app/auth-redirects.js';
import { PRODUCT_NAME, usePageTitle } from '../../app/page-title.js';
import { fetchSession, SESSION_QUERY_KEY } from '../../app/session.js';
import { Button } from '../../ui/Button.js';
import { TextField } from '../../ui/Field.js';
import { focusFirstError } from '../../ui/focus-first-error.js';
import { InfoMessage, ProblemMessage } from '../../ui/ProblemMessage.js';
import { LowVisionBar } from '../low-vision/LowVisionBar.js';

export function LoginPage() {
  usePageTitle('Вход');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const reason = params.get('reason') as LoginReason | null;
  const reasonMessage = reason ? LOGIN_REASON_MESSAGES[reason] : undefined;
  const next = safeNext(params.get('next'));

  // Someone already signed in who opens the login page goes straight to the cabinet.
  useEffect(() => {
    if (reason) return;
    fetchSession({ skipAuthRedirect: true }).then(
      (session) => {
        queryClient.setQueryData(SESSION_QUERY_KEY, session);
        navigate(session.user.mustChangePassword ? CHANGE_PASSWORD_PATH : '/niko', { replace: true });
      },
      () => {},
    );
  }, [reason, navigate, queryClient]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setError(null);
    const missing: Record<string, string> = {};
    if (!login.trim()) missing.login = 'Введите логин.';
    if (!password) missing.password = 'Введите пароль.';
    setFieldErrors(missing);
    if (Object.keys(missing).length > 0) return focusFirstError(form);
    setBusy(true);
    try {
      await api.post('/api/auth/login', { login, password }, { skipAuthRedirect: true });
      const session = await fetchSession({ skipAuthRedirect: true });
      queryClient.setQueryData(SESSION_QUERY_KEY, session);
      if (session.user.mustChangePassword) navigate(CHANGE_PASSWORD_PATH, { replace: true });
      else navigate(next ?? '/niko', { replace: true });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        setFieldErrors(err.fieldErrors());
        focusFirstError(form);
      }
      setBusy(false);
    }
  }

  return (
    <>
      <header>
        <LowVisionBar />
      </header>
      <main id="content" className="login-page">
        <div className="login-card">
          <p className="login-product">{PRODUCT_NAME}</p>
          <h1>Вход в личный кабинет</h1>
          {reasonMessage && !error ? <InfoMessage>{reasonMessage}</InfoMessage> : null}
          <ProblemMessage error={error} />
          <form onSubmit={submit} noValidate>
            <TextField
              label="Логин"
              name="login"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={login}
              onValueChange={setLogin}
              error={fieldErrors.login}
              required
            />
            <TextField
              label="Пароль"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onValueChange={setPassword}
              error={fieldErrors.password}
              required
            />
            <Button type="submit" variant="primary" busy={busy} className="btn-block">
              Войти
            </Button>
          </form>
        </div>
      </main>
    </>
  );
}
