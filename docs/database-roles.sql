-- The database roles of a production installation on PostgreSQL (docs/ARCHITECTURE.md,
-- "Immutable history"). Not run by the server: its migrations must not need a superuser.
--
--   niko_owner  owns the database and its schema, and runs the migrations; nothing else.
--   niko_app    the role the servers connect as (DATABASE_URL). It reads and writes the tables,
--               but may not UPDATE, DELETE or TRUNCATE the history (submissions, cell_changes
--               and its partitions, review_events, audit_log), write the migrations' ledger, or
--               change the schema. The history's triggers (migrations 0012, 0015) refuse those changes to every
--               role, the owner too; these missing grants are the second lock.
--
-- Run it as a superuser, in the portal's database; it is idempotent:
--
--   psql -h HOST -U postgres -d niko -v ON_ERROR_STOP=1 -f docs/database-roles.sql
--
-- A new installation:
--   1. createdb niko, then run this script: the roles, niko_owner owning the database.
--      Give both a password (ALTER ROLE niko_owner PASSWORD '…', and niko_app) or a certificate.
--   2. DATABASE_URL=postgres://niko_owner:…@HOST/niko npm run migrate
--   3. Run this script again: niko_app gets its grants on the tables the migrations made.
--   4. Start the servers with DATABASE_URL=postgres://niko_app:…@HOST/niko.
-- Every upgrade: stop nothing; run 2 with the new version, then 3, then roll the servers over.
-- A server running as niko_app starts on a database the owner has migrated; if a migration is
-- still pending it refuses to start, naming it (niko_app may not change the schema).
--
-- An existing installation whose tables belong to another role: make niko_owner their owner
-- first (REASSIGN OWNED BY old_role TO niko_owner, in this database, if old_role owns nothing
-- else here), then run this script.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'niko_owner') THEN
    CREATE ROLE niko_owner LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'niko_app') THEN
    CREATE ROLE niko_app LOGIN;
  END IF;
  EXECUTE format('ALTER DATABASE %I OWNER TO niko_owner', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO niko_app', current_database());
END $$;

-- The schema: the owner creates in it, the servers only use it.
ALTER SCHEMA public OWNER TO niko_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO niko_app;

-- Tables the owner's migrations create from now on: the servers read and write them. (A
-- partition of cell_changes gets none: cell_changes_add_partition takes them away again.)
ALTER DEFAULT PRIVILEGES FOR ROLE niko_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO niko_app;
ALTER DEFAULT PRIVILEGES FOR ROLE niko_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO niko_app;

-- The tables there are: the same, but the history is read and appended to only, and the
-- migrations' ledger is read only.
DO $$
DECLARE
  part regclass;
BEGIN
  IF to_regclass('public.audit_log') IS NULL THEN
    RAISE NOTICE 'No tables yet: run the migrations as niko_owner (npm run migrate), then this script again.';
    RETURN;
  END IF;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO niko_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO niko_app;
  REVOKE UPDATE, DELETE, TRUNCATE ON submissions, cell_changes, review_events, audit_log FROM niko_app;
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM niko_app;
  -- A partition is reached through cell_changes, whose grants are the ones checked.
  FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'cell_changes'::regclass LOOP
    EXECUTE format('REVOKE ALL ON %s FROM niko_app', part);
  END LOOP;
END $$;
