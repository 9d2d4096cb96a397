-- An empty outlet, url or author came in as "" from files that wrote "outlet": "" (the import
-- now stores null). "" showed as an outlet with no name in the list, the matrix and the export
-- filters, apart from "Unknown outlet". Data only, no schema change.
UPDATE "Article" SET "outlet" = NULL WHERE btrim("outlet") = '';
UPDATE "Article" SET "url" = NULL WHERE btrim("url") = '';
UPDATE "Article" SET "author" = NULL WHERE btrim("author") = '';
