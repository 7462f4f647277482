-- The history is append-only: «Сдать отчет»'s snapshots (submissions), every saved cell change
-- (cell_changes, partitioned in 0013, which puts the same triggers on it) and the audit log refuse
-- UPDATE, DELETE and TRUNCATE, whoever sends them. The database role the server runs as in
-- production has no such grants either (docs/database-roles.sql); these triggers hold for every
-- role, the owner's included. Retention removes a whole partition of cell_changes (DETACH, then
-- DROP: docs/ARCHITECTURE.md, "Immutable history"), which no row trigger sees.
--
-- Nothing may remove history by a cascade either. A foreign key's ON DELETE CASCADE deletes, and
-- its ON DELETE SET NULL updates, so both would now fail half-way; the keys into the history say
-- RESTRICT instead, and the refusal names the key:
--   * a participant row with submissions or changes cannot be deleted, and so neither can its
--     collection (collections → responses still cascades, so a collection nobody has written to
--     can be deleted with its participants);
--   * a user the history names (who submitted, changed a cell, or acted) cannot be deleted: users
--     are deactivated (is_active), never deleted, and the log keeps pointing at who it was.

CREATE FUNCTION history_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable: % is refused', TG_ARGV[0], TG_OP
    USING ERRCODE = 'P0001', CONSTRAINT = 'history_immutable',
          HINT = 'The history is append-only (docs/ARCHITECTURE.md, "Immutable history").';
END $$;

DROP TRIGGER submissions_immutable ON submissions;
DROP FUNCTION submissions_immutable();

CREATE TRIGGER submissions_immutable BEFORE UPDATE OR DELETE ON submissions
  FOR EACH ROW EXECUTE FUNCTION history_immutable('submissions');
CREATE TRIGGER submissions_no_truncate BEFORE TRUNCATE ON submissions
  FOR EACH STATEMENT EXECUTE FUNCTION history_immutable('submissions');

CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION history_immutable('audit_log');
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION history_immutable('audit_log');

ALTER TABLE submissions
  DROP CONSTRAINT submissions_response_id_fkey,
  ADD CONSTRAINT submissions_response_id_fkey FOREIGN KEY (response_id) REFERENCES responses (id) ON DELETE RESTRICT,
  DROP CONSTRAINT submissions_submitted_by_fkey,
  ADD CONSTRAINT submissions_submitted_by_fkey FOREIGN KEY (submitted_by) REFERENCES users (id) ON DELETE RESTRICT;

ALTER TABLE audit_log
  DROP CONSTRAINT audit_log_actor_user_id_fkey,
  ADD CONSTRAINT audit_log_actor_user_id_fkey FOREIGN KEY (actor_user_id) REFERENCES users (id) ON DELETE RESTRICT;
