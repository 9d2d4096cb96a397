import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { memberOf, toProjectRole, type ProjectRole } from '@/lib/auth/permissions';
import { annotationSelect, toAnnotationDto } from '@/lib/annotations/to-dto';
import { spanVisibility, visibleSpanWhere } from '@/lib/annotations/span-visibility';
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
export async function getArticle(
  userId: string,
  articleId: string,
): Promise<{ article: ArticleDto; annotations: AnnotationDto[]; orphans: AnnotationDto[]; roles: ProjectRole[]; onlyOwnSpans: boolean }> {
  const row = await db.article.findFirst({
    where: { id: articleId, project: memberOf(userId) },
    select: {
      id: true,
      projectId: true,
      externalId: true,
      url: true,
      outlet: true,
      title: true,
      author: true,
      publishedAt: true,
      text: true,
      textHash: true,
      length: true,
      revision: true,
      project: { select: { name: true, independentAnnotation: true, memberships: { where: { userId }, select: { role: true } } } },
      comparison: { select: { openedAt: true } },
    },
  });
  if (!row) throw notFound('Article');
  const roles = row.project.memberships.map((m) => toProjectRole(m.role));
  const visibility = spanVisibility({ userId, roles, independentAnnotation: row.project.independentAnnotation, articleOpened: row.comparison !== null });
  const rows = await db.annotation.findMany({
    where: { articleId, ...visibleSpanWhere(visibility) },
    select: annotationSelect,
    orderBy: [{ start: 'asc' }, { end: 'desc' }],
  });
  const all = rows.map(toAnnotationDto);
  const annotations = all.filter((a) => !a.orphaned);
  const orphans = all.filter((a) => a.orphaned);
  const counts = { assertion: 0, denial: 0, evidence: 0 };
  for (const a of all) counts[a.label]++; // every span of the article, as the article list counts them
  const { project, comparison: _c, publishedAt, ...rest } = row;
  return {
    article: { ...rest, projectName: project.name, published: publishedAt?.toISOString().slice(0, 10) ?? null, counts },
    annotations,
    orphans,
    roles,
    /** Independent annotation hides the other analysts' spans from this caller (until the article is opened for comparison). */
    onlyOwnSpans: !visibility.everything,
  };
}
