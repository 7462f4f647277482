-- Review of submitted reports (issue 11 §1): a coordinator accepts a report («Принято») or returns
-- it for revision («На доработке») with a comment; the next «Сдать отчет» puts it back to
-- «Не проверено».
--
-- The current state lives on the participant row, so that monitoring counts, filters and sorts by
-- it from the one table it already reads. It only means something once the report was submitted
-- (status 'submitted'); before that it stays at its default.
ALTER TABLE responses
  ADD COLUMN review_state text NOT NULL DEFAULT 'unchecked'
    CHECK (review_state IN ('unchecked', 'accepted', 'returned')),
  -- When the current review state was set (by a coordinator, or by the submission that reset it).
  ADD COLUMN reviewed_at timestamptz,
  -- «Продлить для организации до …»: while returned, the organization may edit until then even
  -- if the collection has closed. NULL: no personal deadline (a returned report stays editable).
  ADD COLUMN extended_until timestamptz;

UPDATE responses SET reviewed_at = last_submitted_at WHERE status = 'submitted';

-- «из них: принято N, на доработке M, не проверено K» counts the submitted participants of a
-- collection by review state within the viewer's territory: with this index it reads index entries
-- only (the national collection has ~15,000 submitted), never the rows.
CREATE INDEX responses_review_idx ON responses (collection_id, region_code, municipality_id, review_state)
  WHERE status = 'submitted';

-- Every change of review state: who (login, role and territory as they were then), when, the
-- comment. Submissions that reset the state are listed too. Append-only, like the rest of the history.
CREATE TABLE review_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  response_id integer NOT NULL REFERENCES responses (id) ON DELETE RESTRICT,
  state text NOT NULL CHECK (state IN ('unchecked', 'accepted', 'returned')),
  comment text CHECK (length(comment) <= 2000),
  extended_until timestamptz,
  actor_user_id integer REFERENCES users (id) ON DELETE RESTRICT,
  actor_login text NOT NULL,
  actor_role text NOT NULL,
  actor_scope text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  CHECK (state <> 'returned' OR length(btrim(comment)) > 0)
);
CREATE INDEX review_events_response_idx ON review_events (response_id, id DESC);

CREATE TRIGGER review_events_immutable BEFORE UPDATE OR DELETE ON review_events
  FOR EACH ROW EXECUTE FUNCTION history_immutable('review_events');
CREATE TRIGGER review_events_no_truncate BEFORE TRUNCATE ON review_events
  FOR EACH STATEMENT EXECUTE FUNCTION history_immutable('review_events');
