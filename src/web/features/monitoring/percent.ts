// The share of organizations that submitted, as the statistics and the breakdown show it.
import type { StatusCounts } from '../../../shared/api/monitoring.js';

/** Whole per cent, but never «100 %» before everybody has submitted, nor «0 %» after the first one. */
export function submittedPercent({ submitted, total }: Pick<StatusCounts, 'submitted' | 'total'>): number {
  if (total <= 0 || submitted <= 0) return 0;
  if (submitted >= total) return 100;
  return Math.min(99, Math.max(1, Math.round((submitted / total) * 100)));
}
