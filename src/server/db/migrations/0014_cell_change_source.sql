-- Where a cell change came from. NULL: typed (or pasted) in the portal's table, as every change
-- before this migration was; 'excel': «Загрузить из Excel» applied it from a filled-in form file.
-- «История» shows the second as «загружено из файла». Adding a nullable column rewrites no rows,
-- so the append-only triggers (0012) are not involved, and each partition gets the column too.
ALTER TABLE cell_changes ADD COLUMN source text CONSTRAINT cell_changes_source_check CHECK (source = 'excel');
