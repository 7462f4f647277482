// "Are you sure?" before an action that changes someone else's access (deactivate, reset a password).
// Runs the action itself so the dialog can show that it is busy and any error the server gives.
import { type ReactNode, useState } from 'react';
import { Button } from './Button.js';
import { Dialog } from './Dialog.js';
import { ProblemMessage } from './ProblemMessage.js';

type Props = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
};

export function ConfirmDialog({ title, children, confirmLabel, danger, onConfirm, onDone, onCancel }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={title}
      role="alertdialog"
      onCancel={onCancel}
      testId="confirm-dialog"
      actions={
        <>
          <Button variant={danger ? 'danger' : 'primary'} busy={busy} onClick={confirm}>
            {confirmLabel}
          </Button>
          <Button onClick={onCancel} data-autofocus>
            Отмена
          </Button>
        </>
      }
    >
      {children}
      <ProblemMessage error={error} />
    </Dialog>
  );
}
