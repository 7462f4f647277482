// «Смена пароля». A user with a one-time password lands here first and may do nothing else
// until it is changed (the server enforces that; RequireSession keeps the pages in step).
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { PASSWORD_HINT, weakPasswordReason } from '../../../shared/passwords.js';
import { ApiError, api } from '../../app/api.js';
import { usePageTitle } from '../../app/page-title.js';
import { SESSION_QUERY_KEY, useSession } from '../../app/session.js';
import { Button } from '../../ui/Button.js';
import { TextField } from '../../ui/Field.js';
import { focusFirstError } from '../../ui/focus-first-error.js';
import { InfoMessage, ProblemMessage, SuccessMessage } from '../../ui/ProblemMessage.js';

type Fields = { currentPassword: string; newPassword: string; repeatPassword: string };
const EMPTY: Fields = { currentPassword: '', newPassword: '', repeatPassword: '' };

function checkLocally(f: Fields, login: string): Partial<Fields> {
  const errors: Partial<Fields> = {};
  if (!f.currentPassword) errors.currentPassword = 'Введите текущий пароль.';
  if (!f.newPassword) errors.newPassword = 'Введите новый пароль.';
  else {
    const weak = weakPasswordReason(login, f.newPassword);
    if (weak) errors.newPassword = weak;
  }
  if (!f.repeatPassword) errors.repeatPassword = 'Повторите новый пароль.';
  else if (f.newPassword !== f.repeatPassword) errors.repeatPassword = 'Пароли не совпадают.';
  return errors;
}

export function ChangePasswordPage() {
  usePageTitle('Смена пароля');
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [errors, setErrors] = useState<Partial<Fields>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [wasRequired] = useState(user.mustChangePassword);

  const set = (name: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setError(null);
    setDone(false);
    const local = checkLocally(fields, user.login);
    setErrors(local);
    if (Object.keys(local).length > 0) return focusFirstError(form);
    setBusy(true);
    try {
      await api.post('/api/auth/password', {
        currentPassword: fields.currentPassword,
        newPassword: fields.newPassword,
      });
      setFields(EMPTY);
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        setErrors(err.fieldErrors());
        focusFirstError(form);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page-narrow">
      <h1>Смена пароля</h1>
      {user.mustChangePassword ? (
        <InfoMessage>
          Вы вошли с временным паролем. Чтобы продолжить работу, задайте новый пароль.
        </InfoMessage>
      ) : null}
      {done ? (
        <SuccessMessage>
          Пароль изменён. {wasRequired ? <Link to="/niko">Перейти в раздел «НИКО»</Link> : null}
        </SuccessMessage>
      ) : null}
      <ProblemMessage error={error} />
      <form onSubmit={submit} noValidate className="form">
        {/* Lets password managers file the new password under the right login. */}
        <input type="text" name="username" autoComplete="username" value={user.login} readOnly hidden />
        <TextField
          label="Текущий пароль"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={fields.currentPassword}
          onValueChange={set('currentPassword')}
          error={errors.currentPassword}
          required
        />
        <TextField
          label="Новый пароль"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          value={fields.newPassword}
          onValueChange={set('newPassword')}
          error={errors.newPassword}
          required
        />
        <TextField
          label="Повторите новый пароль"
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          value={fields.repeatPassword}
          onValueChange={set('repeatPassword')}
          error={errors.repeatPassword}
          required
        />
        <Button type="submit" variant="primary" busy={busy}>
          Сменить пароль
        </Button>
      </form>
    </div>
  );
}
