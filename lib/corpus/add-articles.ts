import 'server-only';
import { db } from '@/lib/db/client';
import { articleFields, type NewArticle } from '@/lib/articles/article-fields';

/**
 * Adds articles to a project in one transaction, skipping those already there
 * (same externalId, else same text hash). Running it twice adds nothing twice.
 */
export async function addArticles(projectId: string, articles: NewArticle[]): Promise<{ added: number; unchanged: number }> {
  return db.$transaction(async (tx) => {
    let added = 0;
    for (const input of articles) {
      const fields = articleFields(input);
      const existing = await tx.article.findFirst({
        where: fields.externalId ? { projectId, externalId: fields.externalId } : { projectId, textHash: fields.textHash },
        select: { id: true },
      });
      if (existing) continue;
      await tx.article.create({ data: { ...fields, projectId } });
      added++;
    }
    return { added, unchanged: articles.length - added };
  });
}
