import 'server-only';
import { sql } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/client';
import { notFound } from '@/lib/errors';
import { toProjectRole, type ProjectRole } from '@/lib/auth/permissions';
import { spanColumns, spanRowToDto, type SpanRow } from '@/lib/annotations/span-row';
import { spanVisibility } from '@/lib/annotations/span-visibility';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { ArticleSummaryDto } from './list-articles';

export type ArticleDto = ArticleSummaryDto & {
  projectId: string;
  projectName: string;
  text: string;
  textHash: string;
  url: string | null;
  author: string | null;
  externalId: string | null;
  /** 1 for the first imported text; older texts are listed at /api/v1/articles/{id}/revisions. */
  revision: number;
};

/**
 * An article with the spans the caller may see (lib/annotations/span-visibility.ts).
 * `annotations` are the spans placed on the current text; `orphans` are those a
 * revision left without a place (their offsets and quote are from an older
 * text, so the reader must not draw them).
 */
type ArticleRow = {
  id: string;
  projectId: string;
  externalId: string | null;
  url: string | null;
  outlet: string | null;
  title: string;
  author: string | null;
  published: string | null;
  text: string;
  textHash: string;
  length: number;
  revision: number;
  projectName: string;
  independentAnnotation: boolean;
  opened: boolean;
  roles: Role[];
};

export async function getArticle(
  userId: string,
  articleId: string,
): Promise<{ article: ArticleDto; annotations: AnnotationDto[]; orphans: AnnotationDto[]; roles: ProjectRole[]; onlyOwnSpans: boolean }> {
  // Two statements on the pool: the reader and the span API start here on
  // every open, and Prisma's nested selects took a round trip per relation
  // (and most of the server's time for an article with many spans).
  const [row] = await sql<ArticleRow>`
    SELECT a.id, a."projectId", a."externalId", a.url, a.outlet, a.title, a.author,
           to_char(a."publishedAt", 'YYYY-MM-DD') AS published, a.text, a."textHash", a.length, a.revision,
           p.name AS "projectName", p."independentAnnotation",
           EXISTS (SELECT 1 FROM "ArticleComparison" c WHERE c."articleId" = a.id) AS opened,
           ARRAY(SELECT m.role::text FROM "Membership" m WHERE m."projectId" = a."projectId" AND m."userId" = ${userId}) AS roles
      FROM "Article" a JOIN "Project" p ON p.id = a."projectId"
     WHERE a.id = ${articleId}`;
  if (!row || row.roles.length === 0) throw notFound('Article');
  const roles = row.roles.map(toProjectRole);
  const visibility = spanVisibility({ userId, roles, independentAnnotation: row.independentAnnotation, articleOpened: row.opened });
  // visibleSpanWhere's rule, on one article whose opening is known: everything, or the caller's own.
  const spans = await sql<SpanRow>`
    SELECT ${spanColumns('s', 'u')}
      FROM "Annotation" s JOIN "User" u ON u.id = s."authorId"
     WHERE s."articleId" = ${articleId} AND (${visibility.everything}::boolean OR s."authorId" = ${userId})
     ORDER BY s.start, s."end" DESC, s.id`;
  const all = spans.map(spanRowToDto);
  const annotations = all.filter((a) => !a.orphaned);
  const orphans = all.filter((a) => a.orphaned);
  const counts = { assertion: 0, denial: 0, evidence: 0 };
  for (const a of annotations) counts[a.label]++; // the spans drawn on the text, as the article list counts them
  const { projectName, independentAnnotation: _i, opened: _o, roles: _r, ...rest } = row;
  return {
    article: { ...rest, projectName, counts, orphans: orphans.length },
    annotations,
    orphans,
    roles,
    /** Independent annotation hides the other analysts' spans from this caller (until the article is opened for comparison). */
    onlyOwnSpans: !visibility.everything,
  };
}
