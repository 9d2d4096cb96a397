-- A bulk import stores sentences without their tsvector: the sentence indexer
-- (lib/sentences/index-sentences.ts) fills it after the import commits, so the
-- transaction of an import no longer spends most of its time in the text
-- search parser of PostgreSQL. Small writes (a revision, a sentence backfill)
-- still fill it in their own transaction (lib/sentences/store-sentences.ts).
--
-- DROP EXPRESSION keeps every value already computed.
ALTER TABLE "Sentence" ALTER COLUMN "tsv" DROP EXPRESSION;

-- The sentences still waiting for the indexer, in id order (it walks them
-- from the lowest id up), and the second half of the view below. Empty once
-- the indexer has caught up.
CREATE INDEX "Sentence_unindexed_idx" ON "Sentence" ("id") WHERE "tsv" IS NULL;

-- Every sentence with its tsvector, whether or not the indexer has been by:
-- search reads this (suggestions write the same two halves out, in
-- lib/suggestions/rank-sentences.ts), so a sentence is found the moment its
-- import commits. PostgreSQL flattens the UNION ALL and pushes the conditions
-- of a query into each half: the first goes through "Sentence_tsv_idx", the
-- second through "Sentence_unindexed_idx" and computes the tsvector of the
-- few rows there.
CREATE VIEW "SearchableSentence" AS
  SELECT "id", "articleId", "start", "end", "text", "tsv"
    FROM "Sentence" WHERE "tsv" IS NOT NULL
  UNION ALL
  SELECT "id", "articleId", "start", "end", "text", to_tsvector('english'::regconfig, "text") AS "tsv"
    FROM "Sentence" WHERE "tsv" IS NULL;
