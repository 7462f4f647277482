// «Сбросить пароль», offered on the accounts whose row says the signed-in user may reset them
// (`canResetPassword`, computed by the server's policy, auth/rows/users.ts).
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { DirectoryUser, PasswordReset } from '../../../shared/api/directory.js';
import { api } from '../../app/api.js';
import { Button } from '../../ui/Button.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { OneTimePasswordDialog } from './OneTimePasswordDialog.js';
import { DIRECTORY_KEY } from './queries.js';

export function ResetPasswordButton({
  user,
}: {
  user: Pick<DirectoryUser, 'id' | 'login' | 'canResetPassword'>;
}) {
  const queryClient = useQueryClient();
  const canReset = user.canResetPassword;
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  if (!canReset) return null;

  function closePassword() {
    setPassword(null);
    // The password dialog was opened from the confirmation, which is gone: come back to the button.
    window.setTimeout(() => button.current?.focus());
  }

  return (
    <>
      <Button ref={button} onClick={() => setConfirming(true)} aria-label={`Сбросить пароль ${user.login}`}>
        Сбросить пароль
      </Button>
      {confirming && (
        <ConfirmDialog
          title="Сбросить пароль?"
          confirmLabel="Сбросить пароль"
          danger
          onConfirm={async () => {
            const r = await api.post<PasswordReset>(`/api/users/${user.id}/reset-password`);
            setPassword(r.oneTimePassword);
          }}
          onDone={() => {
            setConfirming(false);
            void queryClient.invalidateQueries({ queryKey: [DIRECTORY_KEY] });
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Пароль пользователя <strong>{user.login}</strong> будет заменён временным, а его текущие сеансы
            завершены.
          </p>
        </ConfirmDialog>
      )}
      {password && <OneTimePasswordDialog login={user.login} password={password} onClose={closePassword} />}
    </>
  );
}
