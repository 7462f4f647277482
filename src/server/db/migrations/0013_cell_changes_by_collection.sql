-- cell_changes, partitioned by collection.
--
-- Every applied change is a row here, tens of millions a year at national scale, kept as the
-- cells' history and the cell part of the audit log. Autosave reads and writes it on every batch:
-- it looks up the batch's change ids (each is applied once) and appends a row per change. With one
-- table keyed by the random change_id alone, every append lands on a random page of an index that
-- grows with all the years kept, and soon no longer fits in memory.
--
-- Now each collection's changes are a partition of their own (LIST on collection_id), created
-- with the collection (a trigger on collections, so every way of creating one gets it). Autosave
-- names its collection, so it reads and writes only the current partition, the size of one
-- campaign, whatever is kept of earlier ones; a closed collection's partition is never written
-- again, and retention detaches and drops it whole (docs/ARCHITECTURE.md, "Immutable history").
--
-- change_id is unique where idempotency needs it, within its response: the key is
-- (collection_id, response_id, change_id). A browser resends a change only to its own response,
-- and both indexes are ordered by response first, so one batch's lookups and appends touch the
-- few pages of its own response instead of random ones.

-- A change's collection is its response's: the foreign key below holds both together.
ALTER TABLE responses ADD CONSTRAINT responses_id_collection_key UNIQUE (id, collection_id);

ALTER TABLE cell_changes RENAME TO cell_changes_before_0013;
ALTER INDEX cell_changes_pkey RENAME TO cell_changes_before_0013_pkey;
-- «История»'s index is cell_changes_cell_version_idx since 0010 (cell_changes_cell_idx before it).
ALTER INDEX IF EXISTS cell_changes_cell_idx RENAME TO cell_changes_before_0013_cell_idx;
ALTER INDEX IF EXISTS cell_changes_cell_version_idx RENAME TO cell_changes_before_0013_cell_version_idx;

CREATE TABLE cell_changes (
  collection_id integer NOT NULL,
  response_id integer NOT NULL,
  change_id uuid NOT NULL,
  cell_key text NOT NULL,
  old_value text,
  new_value text,
  version integer NOT NULL,
  user_id integer,
  user_login text NOT NULL DEFAULT '',
  ip text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
) PARTITION BY LIST (collection_id);
-- Its keys, indexes and triggers come after the rows stored so far are in (the end of this file).

-- A collection's partition, cell_changes_c<id>. Runs as the owner of the schema (SECURITY
-- DEFINER), so that a server role without DDL rights can create collections. The partition gets
-- the row triggers and indexes of cell_changes by itself, but not its TRUNCATE trigger, and no
-- grants: it is reached only through cell_changes, whose grants are the ones checked (a role's
-- default privileges would otherwise give the server rights on it).
CREATE FUNCTION cell_changes_add_partition(collection integer) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  part text := 'cell_changes_c' || collection;
  grantee oid;
BEGIN
  IF to_regclass(part) IS NOT NULL THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF cell_changes FOR VALUES IN (%s)', part, collection);
  EXECUTE format('CREATE TRIGGER cell_changes_no_truncate BEFORE TRUNCATE ON %I '
                 'FOR EACH STATEMENT EXECUTE FUNCTION history_immutable(%L)', part, 'cell_changes');
  FOR grantee IN
    SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a
     WHERE c.oid = part::regclass AND a.grantee <> c.relowner
  LOOP
    EXECUTE format('REVOKE ALL ON %I FROM %s', part,
                   CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE grantee::regrole::text END);
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION cell_changes_add_partition(integer) FROM PUBLIC;

CREATE FUNCTION collections_add_cell_changes_partition() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM cell_changes_add_partition(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER collections_add_cell_changes_partition AFTER INSERT ON collections
  FOR EACH ROW EXECUTE FUNCTION collections_add_cell_changes_partition();

-- A collection can be deleted only while nobody has written to it (the foreign keys restrict),
-- so its partition is empty then, and goes with it.
CREATE FUNCTION collections_drop_cell_changes_partition() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  EXECUTE format('DROP TABLE IF EXISTS %I', 'cell_changes_c' || OLD.id);
  RETURN NULL;
END $$;
CREATE TRIGGER collections_drop_cell_changes_partition AFTER DELETE ON collections
  FOR EACH ROW EXECUTE FUNCTION collections_drop_cell_changes_partition();

-- The changes stored so far, each into its collection's partition. The keys and indexes are
-- built once they are in: one sorted build per index, and one join per foreign key to check them,
-- instead of work for every row.
SELECT cell_changes_add_partition(id) FROM collections ORDER BY id;
INSERT INTO cell_changes (collection_id, response_id, change_id, cell_key, old_value, new_value, version,
                          user_id, user_login, ip, at)
SELECT r.collection_id, c.response_id, c.change_id, c.cell_key, c.old_value, c.new_value, c.version,
       c.user_id, c.user_login, c.ip, c.at
  FROM cell_changes_before_0013 c JOIN responses r ON r.id = c.response_id;
DROP TABLE cell_changes_before_0013;

ALTER TABLE cell_changes ADD CONSTRAINT cell_changes_pkey PRIMARY KEY (collection_id, response_id, change_id);
-- «История»: one cell's changes, a page at a time, newest version first (as in 0010).
CREATE INDEX cell_changes_cell_version_idx ON cell_changes (response_id, cell_key, version);
-- RESTRICT, not cascade: the history is append-only (0012).
ALTER TABLE cell_changes
  ADD CONSTRAINT cell_changes_response_id_fkey FOREIGN KEY (response_id, collection_id)
    REFERENCES responses (id, collection_id) ON DELETE RESTRICT,
  ADD CONSTRAINT cell_changes_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT;

CREATE TRIGGER cell_changes_immutable BEFORE UPDATE OR DELETE ON cell_changes
  FOR EACH ROW EXECUTE FUNCTION history_immutable('cell_changes');
CREATE TRIGGER cell_changes_no_truncate BEFORE TRUNCATE ON cell_changes
  FOR EACH STATEMENT EXECUTE FUNCTION history_immutable('cell_changes');
