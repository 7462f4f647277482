// «Напомнить выбранным» in «Список участников»: the reminder dialog for the chosen organizations.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReminderSent } from '../../../shared/api/reminders.js';
import { useCan } from '../../app/session.js';
import { Button } from '../../ui/Button.js';
import { ReminderDialog } from './ReminderDialog.js';
import { sentMessage } from './RemindersPanel.js';
import { sentRemindersKey } from './reminders.js';

type Props = { collectionId: number; regionCode: string; organizationIds: number[] };

export function RemindChosen({ collectionId, regionCode, organizationIds }: Props) {
  const queryClient = useQueryClient();
  const canRemind = useCan('reminders.send');
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<ReminderSent | null>(null);
  if (!canRemind) return null;
  return (
    <>
      <Button
        onClick={() => {
          setSent(null);
          setOpen(true);
        }}
      >
        Напомнить выбранным
      </Button>
      {sent ? <span role="status">{sentMessage(sent)}</span> : null}
      {open ? (
        <ReminderDialog
          collectionId={collectionId}
          regionCode={regionCode}
          chosen={organizationIds}
          onCancel={() => setOpen(false)}
          onSent={(r) => {
            setOpen(false);
            setSent(r);
            void queryClient.invalidateQueries({ queryKey: sentRemindersKey(collectionId) });
          }}
        />
      ) : null}
    </>
  );
}
