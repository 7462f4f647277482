// The user's recent reports of this collection (the server keeps them for a while, then forgets).

import type { ExportJob } from '../../../shared/api/monitoring.js';
import { formatDateTime } from '../../../shared/dates.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { EXPORT_STATUS_LABELS, exportSummary } from './export-messages.js';
import { downloadUrl } from './queries.js';

export function RecentExports({ jobs }: { jobs: ExportJob[] }) {
  if (jobs.length === 0) return null;
  return (
    <TableFrame>
      <table className="table recent-exports" data-testid="recent-exports">
        <caption className="table-caption">Мои недавние отчёты</caption>
        <thead>
          <tr>
            <th scope="col">Запрошен</th>
            <th scope="col">Состояние</th>
            <th scope="col">Файл</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id}>
              <td className="nowrap">{formatDateTime(job.createdAt)}</td>
              <td>
                {job.status === 'running'
                  ? `${EXPORT_STATUS_LABELS.running}: ${job.progress}\u00a0%`
                  : EXPORT_STATUS_LABELS[job.status]}
                {job.status === 'failed' && job.error ? <div className="small">{job.error}</div> : null}
              </td>
              <td>
                {job.status === 'done' ? (
                  <>
                    <a href={downloadUrl(job.id)} download={job.fileName}>
                      {job.fileName}
                    </a>
                    <div className="muted small">{exportSummary(job)}</div>
                  </>
                ) : (
                  <span className="muted">{job.fileName}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
