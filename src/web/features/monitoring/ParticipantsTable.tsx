// The rows of «Список участников»: organization (name and code), municipality, status, the dates
// of the first entry and of the latest transfer, the review state, and the view icon (manual §3); before them a box
// to choose the row for what is done to several at once (their reports as one PDF).
import type { RefObject } from 'react';
import type { ParticipantRow } from '../../../shared/api/monitoring.js';
import { formatDateTime } from '../../../shared/dates.js';
import {
  RESPONSE_STATUS_LABELS,
  REVIEW_STATE_LABELS,
  type ReviewStateCode,
} from '../../../shared/statuses.js';
import { type BadgeTone, StatusBadge } from '../../ui/StatusBadge.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { SortableHeader } from './SortableHeader.js';
import type { ParticipantFilters, ParticipantSort, SortDirection } from './types.js';

const STATUS_TONES: Record<ParticipantRow['status'], BadgeTone> = {
  not_started: 'neutral',
  in_progress: 'warning',
  submitted: 'success',
};

const REVIEW_TONES: Record<ReviewStateCode, BadgeTone> = {
  unchecked: 'neutral',
  accepted: 'success',
  returned: 'warning',
};

type Props = {
  rows: ParticipantRow[];
  filters: ParticipantFilters;
  onSort: (column: ParticipantSort, dir: SortDirection) => void;
  onView: (row: ParticipantRow) => void;
  /** The view button of the row last opened, to give focus back to on «Закрыть». */
  viewedButton: RefObject<HTMLButtonElement | null>;
  viewedId: number | null;
  selected: ReadonlySet<number>;
  onSelect: (rows: ParticipantRow[], chosen: boolean) => void;
};

export function ParticipantsTable(props: Props) {
  const { rows, filters, onSort, onView, viewedButton, viewedId, selected, onSelect } = props;
  const header = (label: string, column: ParticipantSort) => (
    <SortableHeader label={label} column={column} sort={filters.sort} dir={filters.dir} onSort={onSort} />
  );
  const allChosen = rows.length > 0 && rows.every((r) => selected.has(r.responseId));
  return (
    <TableFrame>
      <table className="table participants-table" data-testid="participants-table">
        <caption className="visually-hidden">Участники сбора данных</caption>
        <thead>
          <tr>
            <th scope="col" className="cell-choice">
              <input
                type="checkbox"
                aria-label="Выбрать всех на странице"
                checked={allChosen}
                onChange={(e) => onSelect(rows, e.currentTarget.checked)}
              />
            </th>
            {header('Организация', 'name')}
            {header('Муниципалитет', 'municipality')}
            {header('Статус', 'status')}
            {header('Дата начала ввода данных', 'startedAt')}
            {header('Дата передачи введенных данных', 'submittedAt')}
            {header('Проверка', 'review')}
            <th scope="col">
              <span className="visually-hidden">Данные</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.responseId} data-code={row.code}>
              <td className="cell-choice">
                <input
                  type="checkbox"
                  aria-label={`Выбрать ${row.name}`}
                  checked={selected.has(row.responseId)}
                  onChange={(e) => onSelect([row], e.currentTarget.checked)}
                />
              </td>
              <th scope="row">
                {row.name}
                <div className="muted small">{row.code}</div>
              </th>
              <td>{row.municipalityName}</td>
              <td>
                <StatusBadge tone={STATUS_TONES[row.status]}>
                  {RESPONSE_STATUS_LABELS[row.status]}
                </StatusBadge>
                {row.changedSinceSubmission ? <div className="small">изменено после передачи</div> : null}
              </td>
              <td className="nowrap">{row.startedAt ? formatDateTime(row.startedAt) : '—'}</td>
              <td className="nowrap">{row.lastSubmittedAt ? formatDateTime(row.lastSubmittedAt) : '—'}</td>
              <td data-testid="review-state">
                {row.reviewState ? (
                  <StatusBadge tone={REVIEW_TONES[row.reviewState]}>
                    {REVIEW_STATE_LABELS[row.reviewState]}
                  </StatusBadge>
                ) : (
                  '—'
                )}
              </td>
              <td className="cell-actions">
                <button
                  type="button"
                  className="icon-button"
                  ref={row.responseId === viewedId ? viewedButton : undefined}
                  onClick={() => onView(row)}
                >
                  <ViewIcon />
                  <span className="visually-hidden">Просмотреть данные {row.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** An eye: «просмотреть». Drawn, not a font glyph, so it looks the same on every old PC. */
function ViewIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9zm0-2.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4z"
        fill="currentColor"
      />
    </svg>
  );
}
