-- An empty externalId is no id (lib/articles/article-fields.ts stores null since 20261121233000,
-- which cleared outlet, url and author but not this). An article stored with "" would be matched
-- by that "" rather than by its text like other articles without an id. Data only.
UPDATE "Article" SET "externalId" = NULL WHERE btrim("externalId") = '';
