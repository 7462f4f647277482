// «Общая статистика» (manual §3): «Всего», «Не приступило», «В работе», «Сдано» (and under it, how
// many of those are accepted, returned and not yet checked), and how far the submissions have got
// as a progress bar.
import { useId } from 'react';
import type { CollectionStats, StatusCounts } from '../../../shared/api/monitoring.js';
import { formatCount } from '../../../shared/plural.js';
import { RESPONSE_STATUS_LABELS } from '../../../shared/statuses.js';
import { submittedPercent } from './percent.js';

const FIGURES = [
  { key: 'total', label: 'Всего', testId: 'stat-total', hint: 'должны сдать данные' },
  {
    key: 'notStarted',
    label: RESPONSE_STATUS_LABELS.not_started,
    testId: 'stat-not-started',
    hint: 'ещё не вводили данные',
  },
  {
    key: 'inProgress',
    label: RESPONSE_STATUS_LABELS.in_progress,
    testId: 'stat-in-progress',
    hint: 'вводят, но не передали',
  },
  {
    key: 'submitted',
    label: RESPONSE_STATUS_LABELS.submitted,
    testId: 'stat-submitted',
    hint: 'передали хотя бы раз',
  },
] as const;

type Props = { counts: StatusCounts & { review?: CollectionStats['review'] } };

export function StatsSummary({ counts }: Props) {
  const labelId = useId();
  const percent = submittedPercent(counts);
  return (
    <>
      <dl className="stat-figures">
        {FIGURES.map((f) => (
          <div key={f.key} className={`stat-figure stat-${f.key}`}>
            <dt>{f.label}</dt>
            <dd data-testid={f.testId}>{formatCount(counts[f.key])}</dd>
            <dd className="stat-hint">{f.hint}</dd>
            {f.key === 'submitted' && counts.review ? (
              <dd className="stat-hint" data-testid="stat-review">
                из них: принято {formatCount(counts.review.accepted)}, на доработке{' '}
                {formatCount(counts.review.returned)}, не проверено {formatCount(counts.review.unchecked)}
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
      <div className="stat-progress">
        <span id={labelId}>
          Сдано {formatCount(counts.submitted)} из {formatCount(counts.total)}
        </span>
        <progress
          aria-labelledby={labelId}
          value={counts.submitted}
          max={Math.max(counts.total, 1)}
          data-testid="stat-progress"
        />
        <span aria-hidden="true">{percent}&nbsp;%</span>
      </div>
    </>
  );
}
