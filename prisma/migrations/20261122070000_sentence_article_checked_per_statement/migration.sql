-- Hand-written. The foreign key from Sentence to Article checked every new
-- sentence on its own (a lookup and a row lock per row, about a third of the
-- database time of a bulk import, which stores twenty sentences per article).
-- These triggers keep what it guaranteed, once per statement: each article a
-- new sentence names exists, and is locked (FOR KEY SHARE, as the key did) so
-- that it cannot be deleted before the insert commits, and deleting an
-- article deletes its sentences. A sentence never moves to another article,
-- and an article keeps its id (the key cascaded such updates: nothing does them).
-- prisma/schema.prisma still declares the relation, so that Prisma filters
-- through it: `prisma migrate diff` proposes the key again, leave it out.
-- The migration runner splits SQL on every semicolon, so the PL/pgSQL bodies
-- spell their statement terminators as the E-string escape \073.
ALTER TABLE "Sentence" DROP CONSTRAINT "Sentence_articleId_fkey";

CREATE FUNCTION "sentence_articles_exist"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE missing text\073
BEGIN
  PERFORM 1 FROM "Article" a WHERE a.id IN (SELECT DISTINCT n."articleId" FROM new_sentences n) FOR KEY SHARE OF a\073
  SELECT n."articleId" INTO missing FROM new_sentences n WHERE NOT EXISTS (SELECT 1 FROM "Article" a WHERE a.id = n."articleId") LIMIT 1\073
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION \'insert or update on table "Sentence" violates foreign key constraint "Sentence_articleId_fkey"\'
      USING ERRCODE = \'foreign_key_violation\', DETAIL = format(\'Key ("articleId")=(%s) is not present in table "Article".\', missing)\073
  END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER "Sentence_articles_exist" AFTER INSERT ON "Sentence"
  REFERENCING NEW TABLE AS new_sentences FOR EACH STATEMENT EXECUTE FUNCTION "sentence_articles_exist"();

CREATE FUNCTION "refuse_key_change"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN RAISE EXCEPTION \'%.% does not change\', TG_TABLE_NAME, TG_ARGV[0] USING ERRCODE = \'integrity_constraint_violation\'\073 END';
CREATE TRIGGER "Sentence_article_fixed" BEFORE UPDATE OF "articleId" ON "Sentence"
  FOR EACH ROW WHEN (OLD."articleId" IS DISTINCT FROM NEW."articleId") EXECUTE FUNCTION "refuse_key_change"('articleId');
CREATE TRIGGER "Article_id_fixed" BEFORE UPDATE OF "id" ON "Article"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION "refuse_key_change"('id');

CREATE FUNCTION "delete_sentences_of_articles"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN DELETE FROM "Sentence" s USING old_articles o WHERE s."articleId" = o.id\073 RETURN NULL\073 END';
CREATE TRIGGER "Article_delete_sentences" AFTER DELETE ON "Article"
  REFERENCING OLD TABLE AS old_articles FOR EACH STATEMENT EXECUTE FUNCTION "delete_sentences_of_articles"();
