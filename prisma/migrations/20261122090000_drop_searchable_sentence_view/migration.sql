-- Search reads a project's sentences through lib/sentences/project-sentences.ts
-- instead of this view. Through the view, PostgreSQL computed the tsvector of
-- every project's unindexed sentences before keeping the searched project's
-- (the project condition sits above the view, the text search condition was
-- pushed into it), so one large import slowed searches in every project until
-- the sentence indexer had been by.
DROP VIEW "SearchableSentence";
