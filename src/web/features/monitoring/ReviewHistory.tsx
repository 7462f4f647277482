// «История проверки» of a report under its submitted data: every change of review state, newest
// first, with who (role and territory at the time), when and the comment.
import { formatDateTime } from '../../../shared/dates.js';
import { REVIEW_STATE_LABELS } from '../../../shared/statuses.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { reviewerText } from '../data-collection/ReviewNotice.js';
import { useReviewHistory } from './queries.js';

export function ReviewHistory({ responseId }: { responseId: number }) {
  const history = useReviewHistory(responseId, true);
  const rows = history.data?.rows ?? [];
  if (rows.length === 0) return null;
  return (
    <details className="review-history" data-testid="review-history">
      <summary>История проверки ({rows.length})</summary>
      <TableFrame>
        <table className="table">
          <caption className="visually-hidden">История проверки отчёта</caption>
          <thead>
            <tr>
              <th scope="col">Дата (МСК)</th>
              <th scope="col">Состояние</th>
              <th scope="col">Кто</th>
              <th scope="col">Комментарий</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{formatDateTime(r.at)}</td>
                <td>{REVIEW_STATE_LABELS[r.state]}</td>
                <td>
                  {reviewerText(r)} ({r.actorLogin})
                </td>
                <td className="review-history-comment">{r.comment ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </details>
  );
}
