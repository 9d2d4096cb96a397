-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "anchorScore" DOUBLE PRECISION,
ADD COLUMN     "orphaned" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ArticleRevision" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ArticleRevision_articleId_revision_key" ON "ArticleRevision"("articleId", "revision");

-- CreateIndex
CREATE INDEX "Article_projectId_url_idx" ON "Article"("projectId", "url");

-- AddForeignKey
ALTER TABLE "ArticleRevision" ADD CONSTRAINT "ArticleRevision_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the orphans page lists the orphaned spans of a project. They are
-- few, so a partial index holds only them (the Prisma schema cannot express one).
-- No apostrophes or semicolons in these comments: the migration runner splits
-- statements naively.
CREATE INDEX "Annotation_orphaned_articleId_idx" ON "Annotation"("articleId") WHERE "orphaned";

-- Hand-written checks, like those of the first migration.
ALTER TABLE "Article" ADD CONSTRAINT "Article_revision_check" CHECK ("revision" >= 1);
ALTER TABLE "ArticleRevision" ADD CONSTRAINT "ArticleRevision_revision_check" CHECK ("revision" >= 1 AND "length" >= 0);
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_anchorScore_check" CHECK ("anchorScore" >= 0 AND "anchorScore" <= 1);
