-- Attempt counters for the sign-in limits (auth/login-limits.ts). An attempt is counted in its
-- buckets before its password is verified, in one short transaction that refuses it once a bucket
-- is full, so parallel guesses cannot all get past the check. A success gives its count back.
CREATE TABLE login_attempts (
  -- login: sign-ins from clients without a device cookie, per login; ip: the same, per address;
  -- device: sign-ins with a valid device cookie, per cookie; password: current-password checks
  -- of a password change, per user id.
  kind text NOT NULL CHECK (kind IN ('login', 'ip', 'device', 'password')),
  key text NOT NULL,
  -- Attempts reserved in the current window: failures, and attempts still being verified.
  attempts integer NOT NULL CHECK (attempts >= 0),
  -- The window starts with its first attempt and lasts LOGIN_FAILURE_WINDOW_MINUTES.
  window_start timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, key)
);
-- Finished windows are swept.
CREATE INDEX login_attempts_window_idx ON login_attempts (window_start);

-- Secrets the server generates for itself when the configuration gives none, stored once so that
-- every process shares them (the device cookies' HMAC key).
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Failures are no longer counted from the audit log by address.
DROP INDEX audit_log_action_ip_idx;
