-- «Экспорт результатов»: background jobs kept in the database, so any server process may run
-- one, and one cut short by a crash or a restart is picked up again (its heartbeat goes stale).
CREATE TABLE export_jobs (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  collection_id integer NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  requested_by integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The requester's scope when asked: the worker has no request to read it from.
  scope_role text NOT NULL,
  scope_region_code text,
  scope_municipality_id integer,
  scope_organization_id integer,
  -- The federal operator may narrow the export to one region.
  region_filter text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  organizations integer NOT NULL DEFAULT 0,
  error text,
  file_name text NOT NULL,
  size_bytes bigint,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX export_jobs_queue_idx ON export_jobs (status, heartbeat_at);
CREATE INDEX export_jobs_user_idx ON export_jobs (requested_by, created_at DESC);

CREATE TABLE export_file_chunks (
  job_id integer NOT NULL REFERENCES export_jobs (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (job_id, seq)
);
