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
    const rows = articles.map(articleFields);
    // One lookup for the whole file instead of one per article.
    const existing = await tx.article.findMany({
      where: {
        projectId,
        OR: [
          { externalId: { in: rows.flatMap((r) => (r.externalId ? [r.externalId] : [])) } },
          { textHash: { in: rows.flatMap((r) => (r.externalId ? [] : [r.textHash])) }, externalId: null },
        ],
      },
      select: { externalId: true, textHash: true },
    });
    const seen = new Set(existing.map((e) => (e.externalId ? `x:${e.externalId}` : `h:${e.textHash}`)));
    let added = 0;
    for (const fields of rows) {
      const key = fields.externalId ? `x:${fields.externalId}` : `h:${fields.textHash}`;
      if (seen.has(key)) continue;
      seen.add(key); // the same article twice in one file is added once
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
