import { articleListQuery, type ArticleListQuery } from '@/lib/articles/list-articles';
import { parsePageQuery } from '@/lib/api/page-query';
import { pageHref } from './pager';

const DEFAULTS = articleListQuery.parse({});
export const DEFAULT_PER_PAGE = DEFAULTS.perPage;

/** The article list's filters a link carries (and the page size and order, if not the defaults). */
export type ListFilters = Partial<Pick<ArticleListQuery, 'q' | 'outlet' | 'spans' | 'perPage' | 'sort'>>;

/** The list filters in a page's query string; anything invalid is left out (a stale link still opens the article). */
export function listFilters(params: Record<string, string | string[] | undefined>): ListFilters {
  const one = (key: string) => (typeof params[key] === 'string' && params[key] !== '' ? params[key] : undefined);
  // Through the page-query check: text PostgreSQL cannot take must not reach the neighbours' query.
  const parsed = parsePageQuery(articleListQuery.partial(), { q: one('q'), outlet: one('outlet'), spans: one('spans'), perPage: one('perPage'), sort: one('sort') });
  if (!parsed.success) return {};
  const { q, outlet, spans, perPage, sort } = parsed.data;
  return { q, outlet, spans, perPage: perPage === DEFAULT_PER_PAGE ? undefined : perPage, sort: sort === DEFAULTS.sort ? undefined : sort };
}

/** The filters as query parameters (a default page size and order left out). */
export const listParams = (list: ListFilters) => ({
  q: list.q,
  outlet: list.outlet,
  spans: list.spans,
  perPage: list.perPage === undefined || list.perPage === DEFAULT_PER_PAGE ? undefined : String(list.perPage),
  sort: list.sort === DEFAULTS.sort ? undefined : list.sort,
});

/** `path` with the list's filters, and `page` (1: none). */
export function listHref(path: string, list: ListFilters, page = 1): string {
  return pageHref(path, listParams(list), page);
}
