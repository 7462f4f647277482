// What the operator does with a collection: «Закрыть досрочно», «Открыть снова» (with a new end
// when the old one has passed), «Продлить», «Добавить участников». Each reports the server's
// refusal in its dialog, and its outcome on the page.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Collection } from '../../../shared/api/collections.js';
import { formatDateTime } from '../../../shared/dates.js';
import { plural } from '../../../shared/plural.js';
import { api } from '../../app/api.js';
import { Button } from '../../ui/Button.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { AddParticipantsDialog } from './AddParticipantsDialog.js';
import { EndDialog } from './EndDialog.js';
import { laterEnd, toMoscowDateTime } from './moscow-time.js';
import { COLLECTIONS_KEY } from './queries.js';

type Props = { collection: Collection; onNotice: (message: string) => void };
type Open = 'close' | 'reopen' | 'extend' | 'participants' | null;

export function CollectionActions({ collection: c, onNotice }: Props) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Open>(null);
  const ended = new Date(c.endsAt).getTime() <= Date.now();
  const done = (message: string) => {
    setDialog(null);
    onNotice(message);
    void queryClient.invalidateQueries({ queryKey: [COLLECTIONS_KEY] });
  };
  const now = new Date().toISOString();
  return (
    <>
      <div className="actions">
        {c.open ? (
          <Button variant="danger" onClick={() => setDialog('close')}>
            Закрыть досрочно
          </Button>
        ) : null}
        {c.closedAt || ended ? (
          <Button variant="primary" onClick={() => setDialog('reopen')}>
            Открыть снова
          </Button>
        ) : (
          <Button onClick={() => setDialog('extend')}>Продлить</Button>
        )}
        <Button onClick={() => setDialog('participants')}>Добавить участников</Button>
      </div>
      {dialog === 'close' ? (
        <ConfirmDialog
          title="Закрыть сбор досрочно?"
          confirmLabel="Закрыть досрочно"
          danger
          onConfirm={() => api.post(`/api/collections/${c.id}/close`)}
          onDone={() => done('Сбор данных закрыт.')}
          onCancel={() => setDialog(null)}
        >
          <p>
            Организации больше не смогут вносить данные и сдавать отчёт. Введённые данные сохранятся; сбор
            можно будет открыть снова.
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'reopen' ? (
        <EndDialog
          title="Открыть сбор снова"
          confirmLabel="Открыть снова"
          initial={ended ? laterEnd(c.endsAt) : toMoscowDateTime(c.endsAt)}
          after={{ instant: now, message: 'Окончание должно быть позже текущего момента:' }}
          onSubmit={(endsAt) => api.post(`/api/collections/${c.id}/reopen`, { endsAt })}
          onDone={() => done('Сбор данных снова открыт.')}
          onCancel={() => setDialog(null)}
        >
          <p>
            {ended
              ? `Срок сбора истёк ${formatDateTime(c.endsAt)} (МСК): укажите новое окончание.`
              : 'Проверьте окончание сбора.'}
          </p>
        </EndDialog>
      ) : null}
      {dialog === 'extend' ? (
        <EndDialog
          title="Продлить сбор"
          confirmLabel="Продлить"
          initial={laterEnd(c.endsAt)}
          after={{ instant: c.endsAt, message: 'Новое окончание должно быть позже текущего:' }}
          onSubmit={(endsAt) => api.patch(`/api/collections/${c.id}`, { endsAt })}
          onDone={() => done('Сбор данных продлён.')}
          onCancel={() => setDialog(null)}
        >
          <p>Сейчас сбор заканчивается {formatDateTime(c.endsAt)} (МСК).</p>
        </EndDialog>
      ) : null}
      {dialog === 'participants' ? (
        <AddParticipantsDialog
          collectionId={c.id}
          onDone={(added) =>
            done(
              added === 0
                ? 'Новых участников нет: все подходящие организации уже участвуют в сборе.'
                : `Добавлено: ${plural(added, ['участник', 'участника', 'участников'])}.`,
            )
          }
          onCancel={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}
