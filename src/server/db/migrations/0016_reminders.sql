-- Reminders («Напомнить», issue 11 §2): a coordinator's notice to organizations taking part in a
-- collection, kept per organization with the time it was read and dismissed, and the e-mails it
-- sends through a transactional outbox (written in the notice's transaction, sent by a worker).
CREATE TABLE reminders (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  collection_id integer NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  sent_by integer NOT NULL REFERENCES users (id),
  -- Which organizations it went to: the chosen ones, or all in the sender's scope that had not
  -- started, or had not submitted, when it was sent.
  audience text NOT NULL CHECK (audience IN ('chosen', 'not_started', 'not_submitted')),
  message text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
  recipients integer NOT NULL CHECK (recipients > 0),
  emails integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reminders_collection_idx ON reminders (collection_id, created_at DESC);

CREATE TABLE reminder_recipients (
  reminder_id integer NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
  organization_id integer NOT NULL REFERENCES organizations (id),
  -- The organization's territory, kept equal to it (as on responses, migration 0009), so that a
  -- coordinator's list counts only its own area's recipients without joining organizations.
  region_code text NOT NULL,
  municipality_id integer NOT NULL,
  read_at timestamptz,
  dismissed_at timestamptz,
  PRIMARY KEY (reminder_id, organization_id),
  FOREIGN KEY (organization_id, municipality_id, region_code)
    REFERENCES organizations (id, municipality_id, region_code) ON UPDATE CASCADE
);
-- A school's page asks for its notices not yet dismissed.
CREATE INDEX reminder_recipients_open_idx ON reminder_recipients (organization_id) WHERE dismissed_at IS NULL;

-- E-mail to send: one row per message, written only where SMTP_URL is set. A worker in every
-- process claims due rows with FOR UPDATE SKIP LOCKED, under a lease (attempts, locked_until).
CREATE TABLE email_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reminder_id integer REFERENCES reminders (id) ON DELETE CASCADE,
  to_address text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
