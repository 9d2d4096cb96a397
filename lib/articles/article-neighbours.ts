import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { memberOf } from '@/lib/auth/permissions';
import { requireSpanVisibility } from '@/lib/annotations/span-visibility';
import { articleOrder, articleListWhere, type ArticleListQuery } from './list-articles';

type Neighbour = { id: string; title: string };

/**
 * Where an article stands in its project's list, and the articles before and
 * after it. `filtered`: in the list as the given filters left it (false when
 * none were given, or the article no longer matches them).
 */
export type ArticleNeighboursDto = { position: number; total: number; filtered: boolean; previous: Neighbour | null; next: Neighbour | null };

/**
 * The article's place in its project's article list, in the list's order and
 * under the list's filters and sort when the reader came from a filtered list (so Next
 * goes to the next match, as in INCEpTION's and doccano's document
 * navigation). Reads the ids of the matching articles, a few thousand short
 * strings for a large corpus. A caller who is not a member of the article's
 * project gets 404, like a missing article.
 */
export async function articleNeighbours(
  userId: string,
  articleId: string,
  { sort, ...filters }: Partial<Pick<ArticleListQuery, 'q' | 'outlet' | 'spans' | 'sort'>> = {},
): Promise<ArticleNeighboursDto> {
  const article = await db.article.findFirst({ where: { id: articleId, project: memberOf(userId) }, select: { projectId: true } });
  if (!article) throw notFound('Article');
  const { visibility } = await requireSpanVisibility(userId, article.projectId);
  const ordered = async (f: typeof filters) =>
    (await db.article.findMany({ where: articleListWhere(article.projectId, visibility, f), orderBy: articleOrder(sort), select: { id: true } })).map((a) => a.id);
  const wantsFilter = filters.q !== undefined || filters.outlet !== undefined || filters.spans !== undefined;
  let ids = await ordered(wantsFilter ? filters : {});
  let filtered = wantsFilter;
  if (!ids.includes(articleId)) {
    // Tagging it took it out of "no spans yet", say: the whole list then.
    ids = await ordered({});
    filtered = false;
  }
  const at = ids.indexOf(articleId);
  const [previous, next] = await Promise.all(
    [ids[at - 1], ids[at + 1]].map((id) => (id ? db.article.findUniqueOrThrow({ where: { id }, select: { id: true, title: true } }) : null)),
  );
  return { position: at + 1, total: ids.length, filtered, previous, next };
}
