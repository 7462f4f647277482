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

-- The write limit (auth/write-limits.ts): per user, the requests and the characters of cell values
-- sent to write routes in the current window, which starts with the first write after the last one
-- ended. One row per user, counted with INSERT … ON CONFLICT DO UPDATE … RETURNING.
CREATE TABLE write_rate_counters (
  user_id integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  window_started_at timestamptz NOT NULL,
  requests integer NOT NULL,
  characters bigint NOT NULL
);

-- «История» of a cell is read a page at a time, newest version first (responses/queries.ts).
CREATE INDEX cell_changes_cell_version_idx ON cell_changes (response_id, cell_key, version);
DROP INDEX cell_changes_cell_idx;
