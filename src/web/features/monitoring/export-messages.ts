// The informational messages «Экспорт результатов» shows while a report is prepared (manual §3).

import type { ExportJob, ExportStatus } from '../../../shared/api/monitoring.js';
import { formatCount, plural } from '../../../shared/plural.js';

const NBSP = '\u00a0';
const ORGANIZATIONS = ['организация', 'организации', 'организаций'] as const;

export function exportMessage(job: Pick<ExportJob, 'status' | 'progress' | 'error'>): string {
  switch (job.status) {
    case 'queued':
      return 'Отчёт поставлен в очередь…';
    case 'running':
      // A no-break space keeps «45 %» on one line.
      return `Отчёт готовится: ${Math.round(job.progress)}${NBSP}%`;
    case 'done':
      return 'Отчёт готов';
    case 'failed':
      return job.error
        ? `Не удалось подготовить отчёт: ${job.error}`
        : 'Не удалось подготовить отчёт. Попробуйте ещё раз.';
  }
}

export const EXPORT_STATUS_LABELS: Record<ExportStatus, string> = {
  queued: 'В очереди',
  running: 'Готовится',
  done: 'Готов',
  failed: 'Ошибка',
};

/** «312 организаций, 1,4 МБ» for a finished report. */
export function exportSummary(job: Pick<ExportJob, 'organizations' | 'sizeBytes'>): string {
  const parts: string[] = [];
  if (job.organizations !== null) parts.push(plural(Number(job.organizations), ORGANIZATIONS));
  if (job.sizeBytes !== null) parts.push(fileSize(Number(job.sizeBytes)));
  return parts.join(', ');
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)}${NBSP}Б`;
  if (bytes < 1024 * 1024) return `${formatCount(Math.max(1, Math.round(bytes / 1024)))}${NBSP}КБ`;
  return `${formatCount(Math.round((bytes / (1024 * 1024)) * 10) / 10)}${NBSP}МБ`;
}
