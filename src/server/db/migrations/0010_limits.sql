-- Limits on what one user can make the server store or do (issue 9).

-- At most one queued or running export job per user, collection and scope (region filter): a
-- repeated request answers the job already under way (exports/service.ts). Jobs asked for twice
-- before this index existed are failed, all but the first of each kind.
UPDATE export_jobs AS j
   SET status = 'failed', error = 'Повторный запрос того же отчёта.', finished_at = now()
 WHERE j.status IN ('queued', 'running')
   AND EXISTS (
     SELECT 1 FROM export_jobs AS earlier
      WHERE earlier.status IN ('queued', 'running')
        AND earlier.requested_by = j.requested_by
        AND earlier.collection_id = j.collection_id
        AND coalesce(earlier.region_filter, '') = coalesce(j.region_filter, '')
        AND earlier.id < j.id);
CREATE UNIQUE INDEX export_jobs_one_active_idx
  ON export_jobs (requested_by, collection_id, coalesce(region_filter, ''))
  WHERE status IN ('queued', 'running');
