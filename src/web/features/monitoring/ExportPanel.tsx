// «Экспорт результатов» (manual §3): asks the server for a report of everything submitted in the
// user's scope, follows the job every second with informational messages, then offers
// «Загрузить отчет». A job still being prepared when the page was left is picked up again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import type { ExportJob } from '../../../shared/api/monitoring.js';
import { Button } from '../../ui/Button.js';
import { ProblemMessage } from '../../ui/ProblemMessage.js';
import { exportMessage } from './export-messages.js';
import {
  downloadUrl,
  exportJobKey,
  exportsKey,
  requestExport,
  useExportJob,
  useRecentExports,
} from './queries.js';
import { RecentExports } from './RecentExports.js';

type Props = {
  collectionId: number;
  regionCode: string;
  regionName: string | null;
  /** Buttons shown before «Экспорт результатов» in the same row («Список участников»). */
  children?: ReactNode;
};

const finished = (job: ExportJob | undefined) => job?.status === 'done' || job?.status === 'failed';

export function ExportPanel({ collectionId, regionCode, regionName, children }: Props) {
  const queryClient = useQueryClient();
  const recent = useRecentExports(collectionId);
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useExportJob(jobId);
  const ask = useMutation({
    mutationFn: () => requestExport(collectionId, regionCode),
    onSuccess: (created) => {
      queryClient.setQueryData(exportJobKey(created.id), created);
      setJobId(created.id);
      void queryClient.invalidateQueries({ queryKey: exportsKey(collectionId) });
    },
  });

  // After a reload, follow the latest job if it is still in the queue or being prepared.
  const latest = recent.data?.rows[0];
  useEffect(() => {
    if (jobId === null && latest && !finished(latest)) setJobId(latest.id);
  }, [jobId, latest]);

  // The list of recent reports shows the new state once the job ends.
  const done = finished(job.data);
  useEffect(() => {
    if (done) void queryClient.invalidateQueries({ queryKey: exportsKey(collectionId) });
  }, [done, collectionId, queryClient]);

  const current = job.data;
  const busy = ask.isPending || (current !== undefined && !finished(current));
  return (
    <div className="export-panel">
      <div className="export-actions">
        {children}
        {/* Not disabled while busy: a disabled button would drop the keyboard focus. */}
        <Button
          variant="primary"
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) ask.mutate();
          }}
        >
          Экспорт результатов
        </Button>
        {current?.status === 'done' ? (
          <a className="btn btn-primary" href={downloadUrl(current.id)} download={current.fileName}>
            Загрузить отчет
          </a>
        ) : null}
      </div>
      <p className="muted small">
        {regionName
          ? `Отчёт со всеми переданными данными организаций региона «${regionName}».`
          : 'Отчёт со всеми переданными данными организаций, которые вы видите, в формате Excel.'}
      </p>
      <p
        role="status"
        className={current?.status === 'failed' ? 'export-status export-failed' : 'export-status'}
        data-testid="export-status"
      >
        {current ? exportMessage(current) : ''}
      </p>
      <ProblemMessage error={ask.error ?? job.error} />
      <RecentExports jobs={recent.data?.rows ?? []} />
    </div>
  );
}
