// «Закрыть» while some changes are not yet on the server: they stay in this browser and keep being
// sent; the person decides whether to wait or to go.

import type { FlushResult } from '../../form-table/autosave-types.js';
import { Button } from '../../ui/Button.js';
import { Dialog } from '../../ui/Dialog.js';
import { FLUSH_REASONS } from './flush-messages.js';

type Props = {
  result: Extract<FlushResult, { ok: false }>;
  pending: number;
  onStay: () => void;
  onLeave: () => void;
};

export function LeaveDialog({ result, pending, onStay, onLeave }: Props) {
  return (
    <Dialog
      title="Изменения ещё не сохранены"
      role="alertdialog"
      onCancel={onStay}
      testId="leave-dialog"
      actions={
        <>
          <Button variant="primary" onClick={onStay} data-autofocus>
            Вернуться к таблице
          </Button>
          <Button onClick={onLeave}>Закрыть таблицу</Button>
        </>
      }
    >
      <p>Не сохранено на сервере изменений: {pending}.</p>
      <p>{FLUSH_REASONS[result.reason]}</p>
    </Dialog>
  );
}
