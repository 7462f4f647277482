// Cumulative submissions by day: an inline SVG bar chart (no chart library), named by its <title>
// and <desc>, with the same figures in a visually hidden table for screen readers, which «Версия для
// слабовидящих» with images hidden shows in the chart's place.
import { useId } from 'react';
import type { CollectionStats } from '../../../shared/api/monitoring.js';
import { formatCount, plural } from '../../../shared/plural.js';
import { dayLabel, fillDays, shortDayLabel } from './chart-days.js';

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 16, right: 12, bottom: 28, left: 48 };
const ORGANIZATIONS = ['организация', 'организации', 'организаций'] as const;
/** Axis dates shown at most: more would overlap at 1024 px. */
const MAX_TICKS = 8;

type Props = { stats: CollectionStats };

export function SubmissionsChart({ stats }: Props) {
  const id = useId();
  const days = fillDays(stats.byDay, stats.collection.startsAt, stats.collection.endsAt);
  const title = 'Сдано нарастающим итогом по дням';
  if (days.length === 0) return <p className="muted">Данные ещё никто не передавал.</p>;
  const first = days[0]?.day ?? '';
  const last = days.at(-1)?.day ?? '';
  const desc = `С ${dayLabel(first)} по ${dayLabel(last)} данные передали ${plural(
    stats.submitted,
    ORGANIZATIONS,
  )} из ${formatCount(stats.total)}.`;

  const top = Math.max(stats.total, days.at(-1)?.cumulative ?? 0, 1);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / days.length;
  const barW = Math.max(1, step * 0.7);
  const y = (n: number) => PAD.top + plotH - (n / top) * plotH;
  const every = Math.ceil(days.length / MAX_TICKS);

  return (
    <figure className="chart">
      <figcaption className="chart-caption">{title}</figcaption>
      <svg
        className="chart-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-testid="submissions-chart"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <line className="chart-axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
        <line className="chart-target" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top)} y2={y(top)} />
        <text className="chart-label" x={PAD.left - 6} y={y(0)} textAnchor="end" dominantBaseline="middle">
          0
        </text>
        <text className="chart-label" x={PAD.left - 6} y={y(top)} textAnchor="end" dominantBaseline="middle">
          {formatCount(top)}
        </text>
        {days.map((d, i) => {
          const x = PAD.left + i * step + (step - barW) / 2;
          const showTick = i % every === 0 || i === days.length - 1;
          return (
            <g key={d.day}>
              <rect
                className="chart-bar"
                x={x}
                y={y(d.cumulative)}
                width={barW}
                height={y(0) - y(d.cumulative)}
              />
              {showTick ? (
                <text className="chart-label" x={x + barW / 2} y={HEIGHT - 8} textAnchor="middle">
                  {shortDayLabel(d.day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {/* In a frame of its own: a table is never narrower than its content, so hidden on its own it would
          still widen a narrow page. */}
      <div className="chart-table visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Дата</th>
              <th scope="col">Сдано за день</th>
              <th scope="col">Сдано всего</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{dayLabel(d.day)}</th>
                <td>{formatCount(d.submitted)}</td>
                <td>{formatCount(d.cumulative)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
