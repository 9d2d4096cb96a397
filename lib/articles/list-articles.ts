import 'server-only';
import { db } from '@/lib/db/client';
import { requireSpanVisibility, visibleSpanWhere } from '@/lib/annotations/span-visibility';
import type { Label } from '@/lib/annotations/dto';

export type ArticleSummaryDto = {
  id: string;
  outlet: string | null;
  title: string;
  published: string | null;
  length: number;
  counts: Record<Label, number>;
};

/** The project's articles (no bodies) with the number of spans per tag that the caller may see. */
export async function listArticles(userId: string, projectId: string): Promise<ArticleSummaryDto[]> {
  const { visibility } = await requireSpanVisibility(userId, projectId);
  const [articles, counts] = await Promise.all([
    db.article.findMany({
      where: { projectId },
      select: { id: true, outlet: true, title: true, publishedAt: true, length: true },
      orderBy: [{ publishedAt: { sort: 'asc', nulls: 'last' } }, { title: 'asc' }],
    }),
    db.annotation.groupBy({ by: ['articleId', 'label'], where: { article: { projectId }, ...visibleSpanWhere(visibility) }, _count: { _all: true } }),
  ]);
  const byArticle = new Map<string, Record<Label, number>>();
  for (const a of articles) byArticle.set(a.id, { assertion: 0, denial: 0, evidence: 0 });
  for (const c of counts) {
    const entry = byArticle.get(c.articleId);
    if (entry) entry[c.label.toLowerCase() as Label] = c._count._all;
  }
  return articles.map(({ publishedAt, ...a }) => ({
    ...a,
    published: publishedAt?.toISOString().slice(0, 10) ?? null,
    counts: byArticle.get(a.id)!,
  }));
}
