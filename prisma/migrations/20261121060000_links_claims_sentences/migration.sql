-- CreateEnum
CREATE TYPE "LinkKind" AS ENUM ('CORROBORATES', 'CONTRADICTS');

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "claimId" TEXT;

-- CreateTable
CREATE TABLE "Sentence" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "tsv" tsvector,

    CONSTRAINT "Sentence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Link" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "fromAnnotationId" TEXT NOT NULL,
    "toAnnotationId" TEXT NOT NULL,
    "kind" "LinkKind" NOT NULL,
    "authorId" TEXT NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'PENDING',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "verdict" TEXT,
    "authorId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionDismissal" (
    "id" TEXT NOT NULL,
    "annotationId" TEXT NOT NULL,
    "sentenceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuggestionDismissal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Sentence_articleId_start_idx" ON "Sentence"("articleId", "start");

-- CreateIndex
CREATE INDEX "Link_projectId_idx" ON "Link"("projectId");

-- CreateIndex
CREATE INDEX "Link_fromAnnotationId_idx" ON "Link"("fromAnnotationId");

-- CreateIndex
CREATE INDEX "Link_toAnnotationId_idx" ON "Link"("toAnnotationId");

-- CreateIndex
CREATE INDEX "Claim_projectId_idx" ON "Claim"("projectId");

-- CreateIndex
CREATE INDEX "SuggestionDismissal_sentenceId_idx" ON "SuggestionDismissal"("sentenceId");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionDismissal_annotationId_sentenceId_key" ON "SuggestionDismissal"("annotationId", "sentenceId");

-- CreateIndex
CREATE INDEX "Annotation_claimId_idx" ON "Annotation"("claimId");

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sentence" ADD CONSTRAINT "Sentence_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_fromAnnotationId_fkey" FOREIGN KEY ("fromAnnotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_toAnnotationId_fkey" FOREIGN KEY ("toAnnotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionDismissal" ADD CONSTRAINT "SuggestionDismissal_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionDismissal" ADD CONSTRAINT "SuggestionDismissal_sentenceId_fkey" FOREIGN KEY ("sentenceId") REFERENCES "Sentence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionDismissal" ADD CONSTRAINT "SuggestionDismissal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;




-- Hand-written below. The migration runner splits on every semicolon: plain statements only.

-- Sentence search. `tsv` is declared in Prisma as Unsupported("tsvector")? so that
-- diffs stay clean. Here it becomes a generated column, kept in step with `text`
-- by Postgres itself (the table is empty at this point).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE "Sentence" DROP COLUMN "tsv";
ALTER TABLE "Sentence" ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "text")) STORED;
CREATE INDEX "Sentence_tsv_idx" ON "Sentence" USING GIN ("tsv");
CREATE INDEX "Sentence_text_trgm_idx" ON "Sentence" USING GIN ("text" gin_trgm_ops);
ALTER TABLE "Sentence" ADD CONSTRAINT "Sentence_offsets_check" CHECK ("start" >= 0 AND "end" > "start");

-- Project search finds spans by substring of their quote (ILIKE uses this index).
CREATE INDEX "Annotation_exact_trgm_idx" ON "Annotation" USING GIN ("exact" gin_trgm_ops);

-- A pair of spans is linked at most once, whichever way round, and never to itself.
CREATE UNIQUE INDEX "Link_pair_key" ON "Link" (LEAST("fromAnnotationId", "toAnnotationId"), GREATEST("fromAnnotationId", "toAnnotationId"));
ALTER TABLE "Link" ADD CONSTRAINT "Link_not_self_check" CHECK ("fromAnnotationId" <> "toAnnotationId");
ALTER TABLE "Link" ADD CONSTRAINT "Link_version_check" CHECK ("version" >= 1);

ALTER TABLE "Claim" ADD CONSTRAINT "Claim_version_check" CHECK ("version" >= 1);
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_text_check" CHECK (length(btrim("text")) > 0);
