// The dialog that asks for a new end in Moscow time: «Продлить» and «Открыть снова» both use it.
// The end is checked here first; the server's refusal is shown in the dialog, in its own words.
import { type ReactNode, useState } from 'react';
import { formatDateTime } from '../../../shared/dates.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
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

export function EndDialog({ initial, after, onSubmit, children, ...dialog }: Props) {
  const [end, setEnd] = useState(initial);
  const [fieldError, setFieldError] = useState<string | undefined>();

  function submit() {
    const iso = moscowInstant(end);
    const problem =
      checkMoscowDateTime(end) ??
      (iso && new Date(iso) <= new Date(after.instant)
        ? `${after.message} ${formatDateTime(after.instant)} (МСК).`
        : null);
    setFieldError(problem ?? undefined);
    return problem || !iso ? null : onSubmit(iso);
  }

  return (
    <ConfirmDialog {...dialog} fields onConfirm={submit}>
      {children}
      <MoscowDateTimeFields
        legend="Новое окончание"
        dateLabel="Дата окончания"
        timeLabel="Время окончания"
        value={end}
        onChange={setEnd}
        error={fieldError}
      />
    </ConfirmDialog>
  );
}
