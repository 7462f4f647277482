// The statistics by area: by municipality for a coordinator (or the operator within a region),
// by region for the federal operator over the whole country.

import type { CollectionStats } from '../../../shared/api/monitoring.js';
import { formatCount } from '../../../shared/plural.js';
import { RESPONSE_STATUS_LABELS } from '../../../shared/statuses.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { submittedPercent } from './percent.js';

export function BreakdownTable({ stats }: { stats: CollectionStats }) {
  const byRegion = stats.breakdownBy === 'region';
  const caption = byRegion ? 'Статистика по регионам' : 'Статистика по муниципалитетам';
  if (stats.breakdown.length === 0) return null;
  return (
    <TableFrame>
      <table className="table breakdown-table" data-testid="stats-breakdown">
        <caption className="table-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{byRegion ? 'Регион' : 'Муниципалитет'}</th>
            <th scope="col" className="num">
              Всего
            </th>
            <th scope="col" className="num">
              {RESPONSE_STATUS_LABELS.not_started}
            </th>
            <th scope="col" className="num">
              {RESPONSE_STATUS_LABELS.in_progress}
            </th>
            <th scope="col" className="num">
              {RESPONSE_STATUS_LABELS.submitted}
            </th>
            <th scope="col" className="num">
              Доля сданных
            </th>
          </tr>
        </thead>
        <tbody>
          {stats.breakdown.map((area) => (
            <tr key={area.key}>
              <th scope="row">{area.name}</th>
              <td className="num">{formatCount(area.total)}</td>
              <td className="num">{formatCount(area.notStarted)}</td>
              <td className="num">{formatCount(area.inProgress)}</td>
              <td className="num">{formatCount(area.submitted)}</td>
              <td className="num">{submittedPercent(area)}&nbsp;%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
