// «Напомнить»: whom (the chosen organizations, or all in the coordinator's area that have not
// started or not submitted), an optional text, and how many will receive it, asked of the server
// as the choice changes and shown before «Отправить напоминание» (issue 11 §2).
import { useId, useState } from 'react';
import {
  REMINDER_AUDIENCE_LABELS,
  REMINDER_MESSAGE_MAX,
  type ReminderAudience,
  type ReminderSent,
} from '../../../shared/api/reminders.js';
import { plural } from '../../../shared/plural.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { TextAreaField } from '../../ui/Field.js';
import { ProblemMessage } from '../../ui/ProblemMessage.js';
import { sendReminder, useReminderPreview } from './reminders.js';

const ORGANIZATIONS = ['организация', 'организации', 'организаций'] as const;
const LETTERS = ['письмо', 'письма', 'писем'] as const;

type Props = {
  collectionId: number;
  regionCode: string;
  /** The organizations chosen in «Список участников»; without them only the two groups are offered. */
  chosen?: number[];
  onSent: (sent: ReminderSent) => void;
  onCancel: () => void;
};

export function ReminderDialog({ collectionId, regionCode, chosen, onSent, onCancel }: Props) {
  const name = useId();
  const [audience, setAudience] = useState<ReminderAudience>(chosen?.length ? 'chosen' : 'not_started');
  const [message, setMessage] = useState('');
  const request = {
    audience,
    ...(audience === 'chosen' ? { organizationIds: chosen } : {}),
    ...(regionCode ? { regionCode } : {}),
  };
  const preview = useReminderPreview(collectionId, request);
  const audiences: ReminderAudience[] = chosen?.length
    ? ['chosen', 'not_started', 'not_submitted']
    : ['not_started', 'not_submitted'];
  const count = preview.data?.recipients;

  return (
    <ConfirmDialog
      title="Напомнить"
      confirmLabel="Отправить напоминание"
      fields
      onCancel={onCancel}
      onConfirm={() => {
        if (!count) return null;
        return sendReminder(collectionId, { ...request, message: message.trim() || undefined }).then(onSent);
      }}
      onDone={() => {}}
    >
      <fieldset className="radio-group">
        <legend>Кому</legend>
        {audiences.map((a) => (
          <div className="radio reminder-audience" key={a}>
            <input
              id={`${name}-${a}`}
              type="radio"
              name={name}
              checked={audience === a}
              onChange={() => setAudience(a)}
            />
            <label htmlFor={`${name}-${a}`}>
              {a === 'chosen'
                ? `${REMINDER_AUDIENCE_LABELS[a]} (${chosen?.length})`
                : REMINDER_AUDIENCE_LABELS[a]}
            </label>
          </div>
        ))}
      </fieldset>
      <TextAreaField
        label="Текст напоминания"
        hint="Можно не заполнять: тогда организации получат стандартный текст с названием сбора и сроком его окончания."
        rows={4}
        maxLength={REMINDER_MESSAGE_MAX}
        value={message}
        onValueChange={setMessage}
      />
      <p className="reminder-count" role="status" aria-live="polite" data-testid="reminder-count">
        {count === undefined
          ? 'Считаем получателей…'
          : count === 0
            ? 'Нет организаций, которым можно отправить это напоминание.'
            : `Напоминание получат: ${plural(count, ORGANIZATIONS)}.`}
        {preview.data && count
          ? preview.data.emailEnabled
            ? ` По электронной почте уйдет ${plural(preview.data.emails, LETTERS)}.`
            : ' Письма по электронной почте не отправляются: почта на портале не настроена.'
          : ''}
      </p>
      <ProblemMessage error={preview.error} />
    </ConfirmDialog>
  );
}
