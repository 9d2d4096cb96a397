import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { requireSpanVisibility, visibleSpanWhere, type SpanVisibility } from '@/lib/annotations/span-visibility';
import { requireProjectRoles } from '@/lib/auth/permissions';
import type { Label } from '@/lib/annotations/dto';
import { likeLiteral } from '@/lib/db/like-pattern';
import { UNKNOWN_OUTLET } from '@/lib/claims/dto';
import { outletWhere } from './outlet-filter';
import { compareOutlets } from '@/lib/claims/compare-outlets';

export type ArticleSummaryDto = {
  id: string;
  /** The id it came with (FNC-1's Body ID), if any. */
  externalId: string | null;
  outlet: string | null;
  title: string;
  published: string | null;
  length: number;
  /** Spans drawn on the text, by tag; orphans (no place on the current text) apart. */
  counts: Record<Label, number>;
  orphans: number;
};

/** One page of a project's articles, and how many match in all. */
export type ArticlePageDto = { articles: ArticleSummaryDto[]; total: number; page: number; perPage: number };

const SORT_COLUMNS = ['published', 'title', 'outlet', 'length'] as const;
type SortColumn = (typeof SORT_COLUMNS)[number];
export type ArticleSort = SortColumn | `-${SortColumn}`;
/** Each column, ascending or (with "-") descending. */
export const ARTICLE_SORTS = SORT_COLUMNS.flatMap((c) => [c, `-${c}` as const]) as [ArticleSort, ...ArticleSort[]];

/**
 * Which of a project's articles to list: a page of them, by title or outlet
 * words and by outlet. A project holds thousands of articles once a corpus
 * like FNC-1 is in (2,587 bodies); the whole list took seconds to render.
 */
export const articleListQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('Words that must each appear in the title, the outlet or the external id, in any case and order'),
  outlet: z.string().max(500).optional().describe(`Only articles of this outlet (its exact name); "${UNKNOWN_OUTLET}": articles without one`),
  spans: z.enum(['none', 'some']).optional().describe('Only articles with no spans, or with some (spans the caller may see)'),
  sort: z
    .enum(ARTICLE_SORTS)
    .default('published')
    .describe('The order: by date (undated last), title, outlet (unknown last) or length in characters; a leading "-" reverses it'),
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('1-based'),
  perPage: z.coerce.number().int().min(1).max(1_000).default(100),
});
export type ArticleListQuery = z.infer<typeof articleListQuery>;

const DEFAULT_QUERY = articleListQuery.parse({});

/**
 * The list's order for each `sort`, as in a data manager's sortable columns:
 * the chosen column (missing dates and outlets last either way), then date
 * and title, then the id, so pages of it never repeat or skip an article.
 */
export function articleOrder(sort: ArticleSort = 'published'): Prisma.ArticleOrderByWithRelationInput[] {
  const dir = sort.startsWith('-') ? 'desc' : 'asc';
  const byDate = { publishedAt: { sort: 'asc', nulls: 'last' } } as const;
  const tail = [{ title: 'asc' }, { id: 'asc' }] as const;
  switch (sort.replace(/^-/, '') as SortColumn) {
    case 'published':
      return [{ publishedAt: { sort: dir, nulls: 'last' } }, ...tail];
    case 'title':
      return [{ title: dir }, { id: 'asc' }];
    case 'outlet':
      return [{ outlet: { sort: dir, nulls: 'last' } }, byDate, ...tail];
    case 'length':
      return [{ length: dir }, byDate, ...tail];
  }
}

/**
 * The articles the list's filters keep. Each word of `q` must appear in the
 * title, the outlet or the external id (FNC-1's Body ID), in any case and
 * any order. `spans` counts the spans the caller may see.
 */
export function articleListWhere(projectId: string, visibility: SpanVisibility, query: Pick<ArticleListQuery, 'q' | 'outlet' | 'spans'>): Prisma.ArticleWhereInput {
  // Quotes around a word are not part of it (the list has no phrase search).
  const words = query.q?.split(/\s+/).map((w) => w.replace(/^["“”]+|["“”]+$/g, '')).filter(Boolean) ?? [];
  return {
    projectId,
    AND: [
      ...(query.outlet !== undefined ? [outletWhere([query.outlet])] : []),
      ...words.map((w) => ({
        OR: (['title', 'outlet', 'externalId'] as const).map((field) => ({ [field]: { contains: likeLiteral(w), mode: 'insensitive' as const } })),
      })),
    ],
    ...(query.spans === 'none' && { annotations: { none: visibleSpanWhere(visibility) } }),
    ...(query.spans === 'some' && { annotations: { some: visibleSpanWhere(visibility) } }),
  };
}

/**
 * A page of the project's articles (no bodies), oldest first (undated last),
 * with the number of spans per tag that the caller may see on the text, and of
 * orphans apart (as the reader shows them).
 */
export async function listArticles(userId: string, projectId: string, query: ArticleListQuery = DEFAULT_QUERY): Promise<ArticlePageDto> {
  const { visibility } = await requireSpanVisibility(userId, projectId);
  const where = articleListWhere(projectId, visibility, query);
  const [total, articles] = await Promise.all([
    db.article.count({ where }),
    db.article.findMany({
      where,
      select: { id: true, externalId: true, outlet: true, title: true, publishedAt: true, length: true },
      orderBy: articleOrder(query.sort),
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    }),
  ]);
  const counts = articles.length
    ? await db.annotation.groupBy({ by: ['articleId', 'label', 'orphaned'], where: { articleId: { in: articles.map((a) => a.id) }, ...visibleSpanWhere(visibility) }, _count: { _all: true } })
    : [];
  const byArticle = new Map<string, { counts: Record<Label, number>; orphans: number }>();
  for (const a of articles) byArticle.set(a.id, { counts: { assertion: 0, denial: 0, evidence: 0 }, orphans: 0 });
  for (const c of counts) {
    const entry = byArticle.get(c.articleId);
    if (!entry) continue;
    if (c.orphaned) entry.orphans += c._count._all;
    else entry.counts[c.label.toLowerCase() as Label] += c._count._all;
  }
  return {
    articles: articles.map(({ publishedAt, ...a }) => ({
      ...a,
      published: publishedAt?.toISOString().slice(0, 10) ?? null,
      ...byArticle.get(a.id)!,
    })),
    total,
    page: query.page,
    perPage: query.perPage,
  };
}

/**
 * The project's outlets A–Z, each with its number of articles; articles
 * without an outlet last, as "Unknown outlet" (the name the filters take).
 */
export async function listOutlets(userId: string, projectId: string): Promise<{ outlet: string; articles: number }[]> {
  await requireProjectRoles(userId, projectId);
  const rows = await db.article.groupBy({ by: ['outlet'], where: { projectId }, _count: { _all: true } });
  const counts = new Map<string, number>();
  for (const r of rows) {
    // An outlet actually named "Unknown outlet" counts with the articles that have none, as the filter takes them.
    const outlet = r.outlet ?? UNKNOWN_OUTLET;
    counts.set(outlet, (counts.get(outlet) ?? 0) + r._count._all);
  }
  return [...counts].map(([outlet, articles]) => ({ outlet, articles })).sort((a, b) => compareOutlets(a.outlet, b.outlet));
}
