-- Sessions live in the database so that any server process can serve any request.
CREATE TABLE sessions (
  -- SHA-256 of the cookie's token: a leaked table does not leak live sessions.
  id text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Who did what, when and from where. Append-only by convention: nothing updates or deletes rows.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id integer REFERENCES users (id) ON DELETE SET NULL,
  actor_login text NOT NULL DEFAULT '',
  ip text NOT NULL DEFAULT '',
  action text NOT NULL,
  -- What the action was about: a login name for sign-ins, an object's id otherwise.
  object_type text NOT NULL DEFAULT '',
  object_id text NOT NULL DEFAULT '',
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
-- Failed sign-ins are counted per login and per address from here (see auth/login-limits.ts).
CREATE INDEX audit_log_action_object_idx ON audit_log (action, object_id, at);
CREATE INDEX audit_log_action_ip_idx ON audit_log (action, ip, at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_login, at);
