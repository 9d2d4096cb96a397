-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "independentAnnotation" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ArticleComparison" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "openedById" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleComparison_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ArticleComparison_articleId_key" ON "ArticleComparison"("articleId");

-- AddForeignKey
ALTER TABLE "ArticleComparison" ADD CONSTRAINT "ArticleComparison_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
