// A dialog that asks for a new end in Moscow time: «Продлить» and «Открыть снова» both use it.
// The server's refusal is shown in the dialog, in its own words.
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { formatDateTime } from '../../../shared/dates.js';
import { Button } from '../../ui/Button.js';
import { Dialog } from '../../ui/Dialog.js';
import { ProblemMessage } from '../../ui/ProblemMessage.js';
import { MoscowDateTimeFields } from './MoscowDateTimeFields.js';
import { checkMoscowDateTime, type MoscowDateTime, moscowInstant } from './moscow-time.js';

type Props = {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  initial: MoscowDateTime;
  /** The end must come after this instant (the current end when extending, else now). */
  after: { instant: string; message: string };
  onSubmit: (endsAt: string) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
};

export function EndDialog({
  title,
  confirmLabel,
  children,
  initial,
  after,
  onSubmit,
  onDone,
  onCancel,
}: Props) {
  const formId = useId();
  const [end, setEnd] = useState(initial);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const iso = moscowInstant(end);
    const problem =
      checkMoscowDateTime(end) ??
      (iso && new Date(iso) <= new Date(after.instant)
        ? `${after.message} ${formatDateTime(after.instant)} (МСК).`
        : null);
    setFieldError(problem ?? undefined);
    if (problem || !iso) return;
    setBusy(true);
    try {
      await onSubmit(iso);
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={title}
      onCancel={onCancel}
      actions={
        <>
          <Button type="submit" form={formId} variant="primary" busy={busy}>
            {confirmLabel}
          </Button>
          <Button onClick={onCancel}>Отмена</Button>
        </>
      }
    >
      {children}
      <form id={formId} onSubmit={submit} noValidate>
        <MoscowDateTimeFields
          legend="Новое окончание"
          dateLabel="Дата окончания"
          timeLabel="Время окончания"
          value={end}
          onChange={setEnd}
          error={fieldError}
        />
      </form>
      <ProblemMessage error={error} />
    </Dialog>
  );
}
