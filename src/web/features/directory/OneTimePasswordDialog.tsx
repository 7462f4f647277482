// Shows a new one-time password exactly once: it is not stored in clear anywhere, so closing
// the dialog is the last chance to copy it.
import { Button } from '../../ui/Button.js';
import { Dialog } from '../../ui/Dialog.js';

type Props = { login: string; password: string; onClose: () => void };

export function OneTimePasswordDialog({ login, password, onClose }: Props) {
  return (
    <Dialog
      title="Временный пароль"
      onCancel={onClose}
      testId="one-time-password-dialog"
      actions={
        <Button variant="primary" onClick={onClose} data-autofocus>
          Закрыть
        </Button>
      }
    >
      <dl className="details">
        <dt>Логин</dt>
        <dd>
          <code data-testid="one-time-login">{login}</code>
        </dd>
        <dt>Временный пароль</dt>
        <dd>
          <code className="secret" data-testid="one-time-password">
            {password}
          </code>
        </dd>
      </dl>
      <p>
        Пароль показывается только один раз. Передайте его пользователю: при следующем входе он должен будет
        сменить пароль.
      </p>
    </Dialog>
  );
}
