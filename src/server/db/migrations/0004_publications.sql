-- Publications of section «НИКО» (manual §1) and their attached materials.
-- Files live in the database, in chunks, so that every server process serves them and neither an
-- upload nor a download ever holds a whole file in memory.

CREATE TABLE publications (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300 AND title = btrim(title)),
  body_markdown text NOT NULL DEFAULT '' CHECK (length(body_markdown) <= 100000),
  -- The sanitized HTML of body_markdown, rendered once per write (publications/markdown.ts), so a
  -- list of publications costs no rendering.
  body_html text NOT NULL DEFAULT '',
  -- Empty means everyone: all roles, all regions. The federal operator always sees everything.
  audience_roles text[] NOT NULL DEFAULT '{}'
    CHECK (audience_roles <@ ARRAY['regional', 'municipal', 'organization']::text[]),
  audience_regions text[] NOT NULL DEFAULT '{}',
  -- Hidden from the audience until then; also the date the list shows and sorts by.
  publish_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX publications_publish_at_idx ON publications (publish_at DESC, id DESC);

CREATE TABLE publication_files (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  publication_id integer NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  content_type text NOT NULL,
  size_bytes bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
  sha256 text NOT NULL DEFAULT '',
  -- false while the upload streams in: such a file is never listed nor served, and one left behind
  -- by a process that died mid-upload is swept later (publications/file-queries.ts).
  complete boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX publication_files_publication_idx ON publication_files (publication_id, id);
CREATE INDEX publication_files_incomplete_idx ON publication_files (created_at) WHERE NOT complete;

CREATE TABLE publication_file_chunks (
  file_id integer NOT NULL REFERENCES publication_files (id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 0),
  data bytea NOT NULL,
  PRIMARY KEY (file_id, seq)
);
-- Out of line but uncompressed: most attachments (pdf, zip-based office files, images) are
-- compressed already, and compressing them again would cost CPU on every upload for nothing.
ALTER TABLE publication_file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
