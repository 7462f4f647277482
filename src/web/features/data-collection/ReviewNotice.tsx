// What the organization sees of the coordinators' review of its report (docs/PRODUCT.md "Review of
// submitted reports"): a prominent «Возвращено на доработку» with the comment, who returned it
// (role and territory), when, and the personal deadline; or that the report was accepted.
import type { ReviewNote } from '../../../shared/api/review.js';
import { formatDateTime, formatInstantWithLocal } from '../../../shared/dates.js';
import { ROLE_LABELS, type Role } from '../../../shared/roles.js';
import type { ReviewStateCode } from '../../../shared/statuses.js';
import './review.css';

type Props = {
  reviewState: ReviewStateCode | null;
  reviewNote: ReviewNote | null;
  extendedUntil: string | null;
  timeZone: string | null;
};

/** «Региональный координатор, г. Москва». */
export function reviewerText(note: Pick<ReviewNote, 'actorRole' | 'actorScope'>) {
  const role = ROLE_LABELS[note.actorRole as Role] ?? note.actorRole;
  return `${role}, ${note.actorScope}`;
}

export function ReviewNotice({ reviewState, reviewNote, extendedUntil, timeZone }: Props) {
  if (reviewState === 'returned') {
    const until = extendedUntil ? formatInstantWithLocal(extendedUntil, timeZone) : null;
    return (
      <div className="review-returned" data-testid="review-returned">
        <p className="review-returned-title">
          <strong>Возвращено на доработку</strong>
        </p>
        {reviewNote?.state === 'returned' ? (
          <>
            <p className="review-comment" data-testid="review-comment">
              {reviewNote.comment}
            </p>
            <p className="review-meta" data-testid="review-meta">
              {reviewerText(reviewNote)}, {formatDateTime(reviewNote.at)} (МСК)
            </p>
          </>
        ) : null}
        {until ? (
          <p data-testid="review-extended-until">
            Продлено для организации до {until.moscow}
            {until.local ? (
              <>
                <br />
                {until.local}
              </>
            ) : null}
          </p>
        ) : null}
        <p>Исправьте данные в таблице и снова нажмите «Сдать отчет».</p>
      </div>
    );
  }
  if (reviewState === 'accepted') {
    return (
      <p className="message message-success" data-testid="review-accepted">
        Отчёт принят
        {reviewNote?.state === 'accepted'
          ? ` (${reviewerText(reviewNote)}, ${formatDateTime(reviewNote.at)} МСК)`
          : ''}
        . Таблица закрыта для изменений.
        {reviewNote?.state === 'accepted' && reviewNote.comment ? ` Комментарий: ${reviewNote.comment}` : ''}
      </p>
    );
  }
  return null;
}
