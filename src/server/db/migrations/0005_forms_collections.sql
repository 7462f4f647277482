-- Forms and their versions, collections, each participant's response (its cells, their history,
-- and the immutable snapshots that «Сдать отчет» stores).

CREATE TABLE forms (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  created_by integer REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE form_versions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  form_id integer NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  created_by integer REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (form_id, version)
);

CREATE TABLE collections (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  form_version_id integer NOT NULL REFERENCES form_versions (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- Set when the operator closes the collection early; cleared when it is reopened.
  closed_at timestamptz,
  created_by integer REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX collections_form_version_idx ON collections (form_version_id);

-- A version that a collection uses never changes: the service refuses, and so does the database.
CREATE FUNCTION form_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.definition IS DISTINCT FROM NEW.definition
     AND EXISTS (SELECT 1 FROM collections WHERE form_version_id = OLD.id) THEN
    RAISE EXCEPTION 'form version % is used by a collection', OLD.id USING ERRCODE = 'P0001', CONSTRAINT = 'form_version_frozen';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER form_versions_frozen BEFORE UPDATE ON form_versions
  FOR EACH ROW EXECUTE FUNCTION form_versions_frozen();

-- One row per participant: the participation itself and the state of its response.
-- region_code and municipality_id are copied from the organization when it is added, so that
-- monitoring counts and lists read one table.
CREATE TABLE responses (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  collection_id integer NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  organization_id integer NOT NULL REFERENCES organizations (id),
  region_code text NOT NULL REFERENCES regions (code),
  municipality_id integer NOT NULL REFERENCES municipalities (id),
  status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'submitted')),
  -- «дата начала ввода данных»: the first saved change.
  started_at timestamptz,
  first_submitted_at timestamptz,
  -- «дата передачи введенных данных»: the latest submission.
  last_submitted_at timestamptz,
  submission_count integer NOT NULL DEFAULT 0,
  last_changed_at timestamptz,
  UNIQUE (collection_id, organization_id),
  CHECK (status = 'not_started' OR started_at IS NOT NULL OR last_submitted_at IS NOT NULL),
  CHECK (status <> 'submitted' OR last_submitted_at IS NOT NULL)
);
CREATE INDEX responses_org_idx ON responses (organization_id);
CREATE INDEX responses_region_status_idx ON responses (collection_id, region_code, status);
CREATE INDEX responses_municipality_status_idx ON responses (collection_id, municipality_id, status);

-- The current value of every cell. `version` grows with each change; a change names the version
-- it was based on, and a stale one is a conflict.
CREATE TABLE response_cells (
  response_id integer NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  cell_key text NOT NULL CHECK (length(cell_key) <= 130),
  value text CHECK (length(value) <= 10000),
  version integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (response_id, cell_key)
);

-- Every applied cell change: the cell's history («История»), the cell part of the audit log, and
-- the record that makes each change id apply once.
CREATE TABLE cell_changes (
  change_id uuid PRIMARY KEY,
  response_id integer NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  cell_key text NOT NULL,
  old_value text,
  new_value text,
  version integer NOT NULL,
  user_id integer REFERENCES users (id) ON DELETE SET NULL,
  user_login text NOT NULL DEFAULT '',
  ip text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cell_changes_cell_idx ON cell_changes (response_id, cell_key, at);

-- «Сдать отчет»: an immutable snapshot of the data, the "transfer to ФИС ОКО". All are kept.
CREATE TABLE submissions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  response_id integer NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  form_version_id integer NOT NULL REFERENCES form_versions (id),
  data jsonb NOT NULL,
  submitted_by integer REFERENCES users (id) ON DELETE SET NULL,
  submitted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submissions_response_idx ON submissions (response_id, submitted_at DESC);

CREATE FUNCTION submissions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'submissions are immutable' USING ERRCODE = 'P0001', CONSTRAINT = 'submission_immutable';
END $$;
CREATE TRIGGER submissions_immutable BEFORE UPDATE ON submissions
  FOR EACH ROW EXECUTE FUNCTION submissions_immutable();
