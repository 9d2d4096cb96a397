-- Project search finds sentences through their tsvector (words, phrases and
-- word prefixes, lib/search/search-project.ts), no longer by substring: the
-- trigram index on every sentence's text cost an import more database time
-- than everything else it stores. Spans keep "Annotation_exact_trgm_idx" and
-- suggestions rerank with word_similarity on rows already in hand (no index).
DROP INDEX IF EXISTS "Sentence_text_trgm_idx";
