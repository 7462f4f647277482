-- Monitoring reads the participants of one collection by status and submission date; these
-- indexes keep the national list (≈44,000 participants) and its counts fast.
CREATE INDEX responses_status_submitted_idx ON responses (collection_id, status, last_submitted_at, id);
CREATE INDEX responses_submitted_day_idx ON responses (collection_id, first_submitted_at) WHERE first_submitted_at IS NOT NULL;
