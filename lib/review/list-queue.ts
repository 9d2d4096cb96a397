import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { assertAllowed, can, requireProjectRoles } from '@/lib/auth/permissions';
import { LABELS, REVIEW_STATUSES } from '@/lib/annotations/dto';
import { annotationSelect, toAnnotationDto } from '@/lib/annotations/to-dto';
import type { AnnotationDto } from '@/lib/annotations/dto';

export const queueQuery = z.strictObject({
  status: z.enum(REVIEW_STATUSES).default('pending'),
  label: z.enum(LABELS).optional(),
  articleId: z.string().max(100).optional(),
  outlet: z.string().max(200).optional(),
  authorId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type QueueQuery = z.infer<typeof queueQuery>;

export type QueueItem = AnnotationDto & { article: { id: string; title: string; outlet: string | null } };
export type QueueCounts = { byAnalyst: { id: string; name: string; approved: number; rejected: number; pending: number }[]; byLabel: Record<string, { approved: number; rejected: number; pending: number }> };

/** Items waiting for review, oldest first, with the counts a reviewer sees on top. */
export async function listReviewQueue(userId: string, projectId: string, q: QueueQuery): Promise<{ items: QueueItem[]; counts: QueueCounts }> {
  const roles = await requireProjectRoles(userId, projectId);
  assertAllowed(can.review(roles), 'Only reviewers and admins of this project see the review queue');
  const where = {
    article: { projectId, ...(q.articleId && { id: q.articleId }), ...(q.outlet && { outlet: q.outlet }) },
    status: q.status.toUpperCase() as 'PENDING',
    ...(q.label && { label: q.label.toUpperCase() as 'ASSERTION' }),
    ...(q.authorId && { authorId: q.authorId }),
  };
  const [rows, grouped] = await Promise.all([
    db.annotation.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: q.limit,
      select: { ...annotationSelect, article: { select: { id: true, title: true, outlet: true } } },
    }),
    db.annotation.groupBy({ by: ['authorId', 'label', 'status'], where: { article: { projectId } }, _count: { _all: true } }),
  ]);
  const users = await db.user.findMany({ where: { id: { in: [...new Set(grouped.map((g) => g.authorId))] } }, select: { id: true, name: true } });
  const byAnalyst = new Map(users.map((u) => [u.id, { ...u, approved: 0, rejected: 0, pending: 0 }]));
  const byLabel: QueueCounts['byLabel'] = Object.fromEntries(LABELS.map((l) => [l, { approved: 0, rejected: 0, pending: 0 }]));
  for (const g of grouped) {
    const key = g.status.toLowerCase() as 'approved';
    const analyst = byAnalyst.get(g.authorId);
    if (analyst) analyst[key] += g._count._all;
    byLabel[g.label.toLowerCase()][key] += g._count._all;
  }
  return {
    items: rows.map(({ article, ...r }) => ({ ...toAnnotationDto(r), article })),
    counts: { byAnalyst: [...byAnalyst.values()].sort((a, b) => a.name.localeCompare(b.name)), byLabel },
  };
}
