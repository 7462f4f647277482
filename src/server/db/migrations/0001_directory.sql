-- The directory: regions, municipalities, organizations and the people who sign in.
-- Constraints here are the last line of validation: a row that breaks them never lands.

CREATE TABLE regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
  name text NOT NULL,
  timezone text NOT NULL,
  -- Size in the national registry; used to size demo and benchmark data.
  registry_organizations integer NOT NULL DEFAULT 0
);

CREATE TABLE municipalities (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{5}$'),
  region_code text NOT NULL REFERENCES regions (code),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  -- Lets organizations reference (municipality, region) so both always agree.
  UNIQUE (id, region_code)
);
CREATE INDEX municipalities_region_idx ON municipalities (region_code, name);

CREATE TABLE organizations (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{6}$'),
  short_name text NOT NULL CHECK (length(short_name) BETWEEN 1 AND 300),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 1000),
  kind text NOT NULL CHECK (kind IN ('school', 'spo', 'other')),
  region_code text NOT NULL REFERENCES regions (code),
  municipality_id integer NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (municipality_id, region_code) REFERENCES municipalities (id, region_code)
);
CREATE INDEX organizations_region_idx ON organizations (region_code, code);
CREATE INDEX organizations_municipality_idx ON organizations (municipality_id, code);

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login text NOT NULL CHECK (login ~ '^[a-z0-9_.-]{2,64}$'),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  role text NOT NULL CHECK (role IN ('federal', 'regional', 'municipal', 'organization')),
  region_code text REFERENCES regions (code),
  municipality_id integer REFERENCES municipalities (id),
  organization_id integer REFERENCES organizations (id),
  full_name text NOT NULL DEFAULT '' CHECK (length(full_name) <= 300),
  email text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Exactly the scope column that the role needs is set, and no other.
  CONSTRAINT users_scope_matches_role CHECK (
    (role = 'federal' AND region_code IS NULL AND municipality_id IS NULL AND organization_id IS NULL)
    OR (role = 'regional' AND region_code IS NOT NULL AND municipality_id IS NULL AND organization_id IS NULL)
    OR (role = 'municipal' AND region_code IS NULL AND municipality_id IS NOT NULL AND organization_id IS NULL)
    OR (role = 'organization' AND region_code IS NULL AND municipality_id IS NULL AND organization_id IS NOT NULL)
  )
);
CREATE UNIQUE INDEX users_login_idx ON users (login);
CREATE INDEX users_organization_idx ON users (organization_id);
CREATE INDEX users_municipality_idx ON users (municipality_id);
CREATE INDEX users_region_idx ON users (region_code);
