import 'server-only';
import { db } from '@/lib/db/client';
import { requireSpanVisibility, visibleSpanWhere, type SpanVisibility } from '@/lib/annotations/span-visibility';
import type { Label, ReviewStatus } from '@/lib/annotations/dto';
import { readExportArticles } from './read-articles';
import type { ExportFilter } from './export-sql';
import type { ExportClaim, ExportScope, SpanLocation } from './types';
import type { ExportQuery } from './schema';
import { checkExportFilter } from './check-filter';
import { outletWhere } from '@/lib/articles/outlet-filter';

const CLAIMS_PER_BATCH = 100;

const lower = <T extends string>(v: string) => v.toLowerCase() as T;

/** Spans in export order; `id` breaks ties so positions (brat's T numbers) are stable between queries. */
const SPAN_ORDER = [{ start: 'asc' as const }, { end: 'asc' as const }, { id: 'asc' as const }];

/**
 * The query that fetches this export as W3C: format, status, then each filter
 * value under its own key (taken whole, so an outlet with a comma survives).
 */
function collectionQuery(query: ExportQuery): string {
  const pairs: [string, string][] = [['format', 'w3c'], ['status', query.status]];
  for (const key of ['label', 'outlet', 'articleId'] as const) for (const v of query[key] ?? []) pairs.push([key, v]);
  // One value alone would be split on commas: a repeated key keeps it whole (lib/export/schema.ts).
  if (query.outlet?.length === 1 && query.outlet[0].includes(',')) pairs.push(['outlet', '']);
  return new URLSearchParams(pairs).toString();
}

/** Who exports: a member of the project, or the admin command line. */
export type Exporter = { userId: string } | { cli: true };

/**
 * The export's scope, checked against the caller, and async iterators over
 * its articles (or its claims with a verdict) in batches: memory holds one
 * batch, never the whole corpus.
 */
export async function openExport(exporter: Exporter, projectId: string, query: ExportQuery, baseUrl: string) {
  // A member exports what they may see (independent annotation); the admin CLI exports everything.
  const visibility: SpanVisibility = 'userId' in exporter ? (await requireSpanVisibility(exporter.userId, projectId)).visibility : { everything: true };
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { id: true, name: true } });
  await checkExportFilter(projectId, query);
  const articleWhere = {
    projectId,
    ...(query.outlet && outletWhere(query.outlet)),
    ...(query.articleId && { id: { in: query.articleId } }),
  };
  // The export's spans as a Prisma where, for the brat locator and the claims
  // below; export-sql.ts states the same conditions in SQL for the cursors.
  // Orphans (spans a revision could not re-place) point into an old text: left out.
  const spanWhere = {
    ...visibleSpanWhere(visibility),
    article: articleWhere,
    orphaned: false,
    ...(query.label && { label: { in: query.label.map((l) => l.toUpperCase() as 'ASSERTION') } }),
    ...(query.status === 'approved' && { status: 'APPROVED' as const }),
  };
  const scope: ExportScope = { projectId, projectName: project.name, baseUrl: baseUrl.replace(/\/$/, ''), collectionQuery: collectionQuery(query) };
  const filter: ExportFilter = { projectId, visibility, outlet: query.outlet, articleId: query.articleId, label: query.label, status: query.status };

  /** The articles in export order, read through cursors (read-articles.ts). */
  const articles = () => readExportArticles(filter);

  /**
   * Where the given spans (of this export) sit: their article and their
   * 1-based position among its exported spans, in the order `articles()`
   * yields them. Spans outside the export are left out.
   */
  async function locateSpans(spanIds: string[]): Promise<Map<string, SpanLocation>> {
    const out = new Map<string, SpanLocation>();
    if (spanIds.length === 0) return out;
    const wanted = new Set(spanIds);
    const targets = await db.annotation.findMany({ where: { ...spanWhere, id: { in: [...wanted] } }, select: { articleId: true }, distinct: ['articleId'] });
    const found = await db.article.findMany({
      where: { ...articleWhere, id: { in: targets.map((t) => t.articleId) } },
      select: { id: true, externalId: true, title: true, annotations: { where: spanWhere, orderBy: SPAN_ORDER, select: { id: true } } },
    });
    for (const { annotations, ...article } of found) {
      annotations.forEach((s, i) => {
        if (wanted.has(s.id)) out.set(s.id, { article, ordinal: i + 1 });
      });
    }
    return out;
  }

  /**
   * The project's claims that carry a verdict, each with its spans in the
   * export's scope (status, tags, outlets, articles) and their articles.
   * With status=all and no outlet/tag/article filter every claim with a
   * verdict is listed, even one with no span; otherwise only claims that have
   * a span in scope: an approved-only export publishes no claim whose spans
   * no reviewer has approved (it would appear nowhere, claimed by nobody).
   */
  async function* claims(): AsyncGenerator<ExportClaim> {
    const filtered = Boolean(query.outlet || query.label || query.articleId || query.status === 'approved');
    let cursor: string | undefined;
    for (;;) {
      const batch = await db.claim.findMany({
        where: { projectId, verdict: { not: null }, ...(filtered && { spans: { some: spanWhere } }) },
        orderBy: { id: 'asc' },
        take: CLAIMS_PER_BATCH,
        ...(cursor && { cursor: { id: cursor }, skip: 1 }),
        select: {
          id: true, text: true, verdict: true, verdictNote: true, verdictAt: true, createdAt: true, updatedAt: true,
          spans: {
            where: spanWhere,
            orderBy: [{ articleId: 'asc' }, ...SPAN_ORDER],
            select: {
              id: true, label: true, speaker: true, start: true,
              article: { select: { id: true, title: true, outlet: true, url: true, author: true, publishedAt: true } },
            },
          },
        },
      });
      if (batch.length === 0) return;
      for (const c of batch) {
        yield {
          id: c.id, text: c.text, verdict: c.verdict, verdictNote: c.verdictNote, verdictAt: c.verdictAt, createdAt: c.createdAt, updatedAt: c.updatedAt,
          spans: c.spans.map(({ label, article: { publishedAt, ...article }, ...s }) => ({
            ...s, label: lower<Label>(label), article: { ...article, published: publishedAt?.toISOString().slice(0, 10) ?? null },
          })),
        };
      }
      cursor = batch[batch.length - 1].id;
    }
  }

  return { scope, filter, articles, locateSpans, claims };
}
