import 'server-only';
import { db } from '@/lib/db/client';
import { requireSpanVisibility, visibleSpanWhere } from './span-visibility';
import type { AnnotationDto } from './dto';
import { annotationSelect, toAnnotationDto } from './to-dto';

/**
 * An orphaned span as a reviewer needs it: its quote and context as they were
 * (exact/prefix/suffix are never overwritten on orphaning), the article, and
 * the revision of the text it was made on (null if that text is the current
 * one, which happens only if the article was reverted).
 */
export type OrphanDto = AnnotationDto & {
  article: { id: string; title: string; outlet: string | null; revision: number };
  madeOnRevision: number | null;
};

/** Spans (of those the caller may see) that the project's latest re-imports left without a place, by article, in old text order. */
export async function listOrphans(userId: string, projectId: string): Promise<OrphanDto[]> {
  const { visibility } = await requireSpanVisibility(userId, projectId);
  const rows = await db.annotation.findMany({
    where: { orphaned: true, article: { projectId }, ...visibleSpanWhere(visibility) },
    orderBy: [{ articleId: 'asc' }, { start: 'asc' }, { id: 'asc' }],
    select: { ...annotationSelect, article: { select: { id: true, title: true, outlet: true, revision: true } } },
  });
  // Which revision each orphan was made on: the one whose text has the span's hash.
  const revisions = await db.articleRevision.findMany({
    where: { articleId: { in: [...new Set(rows.map((r) => r.articleId))] }, textHash: { in: [...new Set(rows.map((r) => r.textHash))] } },
    select: { articleId: true, textHash: true, revision: true },
  });
  const revisionOf = new Map(revisions.map((r) => [`${r.articleId}:${r.textHash}`, r.revision]));
  return rows.map(({ article, ...r }) => ({ ...toAnnotationDto(r), article, madeOnRevision: revisionOf.get(`${r.articleId}:${r.textHash}`) ?? null }));
}
