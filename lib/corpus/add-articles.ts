import 'server-only';
import { db } from '@/lib/db/client';
import { articleFields, type NewArticle } from '@/lib/articles/article-fields';
import { storeSentences } from '@/lib/sentences/store-sentences';
import { refreshSentenceIndex } from '@/lib/sentences/refresh-sentence-index';

/**
 * Adds articles to a project in one transaction, skipping those already there
 * (same externalId, else same text hash). Running it twice adds nothing twice.
 * Each article is split into sentences as it is stored (suggestions and search
 * rank them), so an article never exists without its sentences.
 */
export async function addArticles(projectId: string, articles: NewArticle[]): Promise<{ added: number; unchanged: number }> {
  const result = await db.$transaction(async (tx) => {
    let added = 0;
    for (const input of articles) {
      const fields = articleFields(input);
      const existing = await tx.article.findFirst({
        where: fields.externalId ? { projectId, externalId: fields.externalId } : { projectId, textHash: fields.textHash },
        select: { id: true },
      });
      if (existing) continue;
      const article = await tx.article.create({ data: { ...fields, projectId }, select: { id: true } });
      await storeSentences(tx, article.id, fields.text);
      added++;
    }
    return { added, unchanged: articles.length - added };
  }, { timeout: transactionTimeout(articles.length) });
  await refreshSentenceIndex(result.added);
  return result;
}

/**
 * Prisma closes an interactive transaction after 5 s by default. A large import
 * (thousands of articles, each with its sentences) is one transaction by design,
 * so it gets time in proportion to its size.
 */
const transactionTimeout = (articleCount: number) => 10_000 + articleCount * 100;
