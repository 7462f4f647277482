// «Принять» / «Вернуть на доработку» for one report or for the rows chosen in «Список участников»
// (docs/PRODUCT.md "Review of submitted reports"). A return asks for the comment the organization
// will see (required, up to 2 000 characters) and, if the coordinator wishes, a personal deadline
// in Moscow time («Продлить для организации до …»).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { plural } from '../../../shared/plural.js';
import { REVIEW_COMMENT_MAX } from '../../../shared/statuses.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { TextAreaField, TextField } from '../../ui/Field.js';
import { moscowLocalToIso } from '../publications/moscow-time.js';
import { MONITORING_KEY, reviewReports } from './queries.js';

type Props = {
  decision: 'accept' | 'return';
  responseIds: number[];
  /** The organization's name when there is one report. */
  name?: string;
  /** The rows chosen in «Список участников» (however many), rather than the report on view. */
  chosen?: boolean;
  onDone: (message: string) => void;
  onCancel: () => void;
};

export const COMMENT_REQUIRED =
  'Укажите, что нужно исправить: без комментария отчёт не вернуть на доработку.';

const reports = (n: number) => plural(n, ['отчёт', 'отчёта', 'отчётов']);

export function ReviewDialog({ decision, responseIds, name, chosen = false, onDone, onCancel }: Props) {
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<{ comment?: string; until?: string }>({});
  const many = chosen || responseIds.length > 1;
  const what = many ? reports(responseIds.length) : `отчёт ${name ?? ''}`.trim();

  function run() {
    if (decision === 'accept')
      return reviewReports(responseIds, { decision, ...(comment.trim() ? { comment } : {}) });
    const found: typeof errors = {};
    if (!comment.trim()) found.comment = COMMENT_REQUIRED;
    else if (comment.length > REVIEW_COMMENT_MAX)
      found.comment = `Комментарий не длиннее ${REVIEW_COMMENT_MAX} символов.`;
    const extendedUntil = until ? moscowLocalToIso(until) : null;
    if (until && (!extendedUntil || Date.parse(extendedUntil) <= Date.now()))
      found.until = 'Срок для организации должен быть позже текущего момента.';
    setErrors(found);
    if (found.comment || found.until) return null;
    return reviewReports(responseIds, { decision, comment, ...(extendedUntil ? { extendedUntil } : {}) });
  }

  const title =
    decision === 'accept'
      ? many
        ? `Принять выбранные (${responseIds.length})`
        : 'Принять отчёт'
      : many
        ? `Вернуть выбранные на доработку (${responseIds.length})`
        : 'Вернуть отчёт на доработку';
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={decision === 'accept' ? 'Принять' : 'Вернуть на доработку'}
      danger={decision === 'return'}
      fields
      onConfirm={run}
      onCancel={onCancel}
      onDone={() => {
        void queryClient.invalidateQueries({ queryKey: [MONITORING_KEY] });
        onDone(decision === 'accept' ? `Принято: ${what}.` : `Возвращено на доработку: ${what}.`);
      }}
    >
      {decision === 'accept' ? (
        <p>Принять {what}? Таблица организации закроется для изменений, пока отчёт не вернут на доработку.</p>
      ) : (
        <p>Организация увидит комментарий в блоке «Сбор данных» и сможет исправить и снова сдать отчёт.</p>
      )}
      <TextAreaField
        label={decision === 'accept' ? 'Комментарий (необязательно)' : 'Комментарий для организации *'}
        hint={`Не больше ${REVIEW_COMMENT_MAX} символов; набрано ${comment.length}.`}
        value={comment}
        rows={5}
        maxLength={REVIEW_COMMENT_MAX}
        error={errors.comment}
        onValueChange={setComment}
        data-testid="review-comment-input"
      />
      {decision === 'return' ? (
        <TextField
          type="datetime-local"
          label="Продлить для организации до (МСК)"
          hint="Необязательно. Если сбор данных уже закрыт, организация сможет вносить изменения до этого срока; без срока — пока не сдаст отчёт."
          value={until}
          error={errors.until}
          onValueChange={setUntil}
        />
      ) : null}
    </ConfirmDialog>
  );
}
