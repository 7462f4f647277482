// The one dialog that runs an action: "Are you sure?" before an action that changes someone else's
// access (deactivate, reset a password), or a few fields to fill first (a collection's new end).
// Runs the action itself so the dialog can show that it is busy and any error the server gives.
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Button } from './Button.js';
import { Dialog } from './Dialog.js';
import { ProblemMessage } from './ProblemMessage.js';

type Props = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** The action; `null` when the fields did not pass their own check: nothing runs, the dialog stays. */
  onConfirm: () => Promise<unknown> | null;
  onDone: () => void;
  onCancel: () => void;
  /**
   * The children are fields to fill: a plain dialog, focus on the first field, Enter confirms.
   * Without them it is an alert dialog with focus on «Отмена», so a stray Enter changes nothing.
   */
  fields?: boolean;
};

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onDone,
  onCancel,
  fields = false,
}: Props) {
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    // The dialog is portalled, but React passes its events up to the page's own form, if any
    // (Preact, which runs the build, does not; the stop keeps the code right on React too).
    event.stopPropagation();
    setError(null);
    const action = onConfirm();
    if (!action) return;
    setBusy(true);
    try {
      await action;
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={title}
      role={fields ? 'dialog' : 'alertdialog'}
      onCancel={onCancel}
      testId={fields ? undefined : 'confirm-dialog'}
      actions={
        <>
          <Button type="submit" form={formId} variant={danger ? 'danger' : 'primary'} busy={busy}>
            {confirmLabel}
          </Button>
          <Button onClick={onCancel} data-autofocus={fields ? undefined : true}>
            Отмена
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={confirm} noValidate>
        {children}
      </form>
      <ProblemMessage error={error} />
    </Dialog>
  );
}
