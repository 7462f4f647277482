// «Напомнить» and «Отправленные напоминания» in a monitoring block (issue 11 §2): the button that
// opens the reminder dialog, what was sent, and the list of reminders with how many read them.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { REMINDER_AUDIENCE_LABELS, type ReminderSent } from '../../../shared/api/reminders.js';
import { formatDateTime } from '../../../shared/dates.js';
import { plural } from '../../../shared/plural.js';
import { ROLE_LABELS } from '../../../shared/roles.js';
import { Button } from '../../ui/Button.js';
import { Loading, ProblemMessage, SuccessMessage } from '../../ui/ProblemMessage.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { ReminderDialog } from './ReminderDialog.js';
import { sentRemindersKey, useSentReminders } from './reminders.js';

const ORGANIZATIONS = ['организации', 'организациям', 'организациям'] as const;

/** What to say once a reminder is sent. */
export function sentMessage(sent: ReminderSent) {
  const letters = sent.emails ? `, писем по электронной почте: ${sent.emails}` : '';
  return `Напоминание отправлено ${plural(sent.recipients, ORGANIZATIONS)}${letters}.`;
}

type Props = { collectionId: number; regionCode: string };

export function RemindersPanel({ collectionId, regionCode }: Props) {
  const listId = useId();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState(false);
  const [sent, setSent] = useState<ReminderSent | null>(null);
  const [listOpen, setListOpen] = useState(false);
  const list = useSentReminders(collectionId, listOpen);

  return (
    <div className="reminders-panel" data-testid="reminders-panel">
      <div className="export-actions">
        <Button
          onClick={() => {
            setSent(null);
            setDialog(true);
          }}
        >
          Напомнить
        </Button>
        <Button
          aria-expanded={listOpen}
          aria-controls={listOpen ? listId : undefined}
          onClick={() => setListOpen((o) => !o)}
        >
          Отправленные напоминания
        </Button>
      </div>
      {sent ? <SuccessMessage>{sentMessage(sent)}</SuccessMessage> : null}
      {dialog ? (
        <ReminderDialog
          collectionId={collectionId}
          regionCode={regionCode}
          onCancel={() => setDialog(false)}
          onSent={(r) => {
            setDialog(false);
            setSent(r);
            void queryClient.invalidateQueries({ queryKey: sentRemindersKey(collectionId) });
          }}
        />
      ) : null}
      {listOpen ? (
        <section id={listId} aria-label="Отправленные напоминания" data-testid="sent-reminders">
          <ProblemMessage error={list.error} />
          {list.isPending ? <Loading /> : null}
          {list.data?.rows.length === 0 ? <p className="muted">Напоминаний еще не отправляли.</p> : null}
          {list.data?.rows.length ? (
            <TableFrame>
              <table className="table sent-reminders-table">
                <caption className="visually-hidden">Отправленные напоминания</caption>
                <thead>
                  <tr>
                    <th scope="col">Когда</th>
                    <th scope="col">Кому</th>
                    <th scope="col">Отправил</th>
                    <th scope="col">Получили</th>
                    <th scope="col">Прочитали</th>
                    <th scope="col">Текст</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.rows.map((r) => (
                    <tr key={r.id}>
                      <td className="nowrap">{formatDateTime(r.sentAt)}</td>
                      <td>{REMINDER_AUDIENCE_LABELS[r.audience]}</td>
                      <td>
                        {r.senderName}
                        <div className="muted small">{ROLE_LABELS[r.senderRole]}</div>
                      </td>
                      <td className="num">{r.recipients}</td>
                      <td className="num">
                        {r.read}
                        {r.dismissed ? <div className="muted small">скрыли: {r.dismissed}</div> : null}
                      </td>
                      <td className="reminder-text">{r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableFrame>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
