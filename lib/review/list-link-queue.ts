import 'server-only';
import { db } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { linkSelect, toLinkDto } from '@/lib/links/to-dto';
import type { LinkDto } from '@/lib/links/dto';
import { toDbLabel } from '@/lib/annotations/to-dto';
import type { QueueCounts, QueueQuery } from './list-queue';

/** A link in the queue, with its latest decision (null while pending), as a span in the queue has it. */
export type LinkQueueItem = LinkDto & { reviewedBy: { id: string; name: string } | null; reviewedAt: string | null; reviewComment: string | null };

/**
 * Links waiting for review, oldest first, with decisions so far per analyst:
 * the span queue's twin for the other half of what reviewers decide. The
 * article, outlet and tag filters keep a link when either end matches. The
 * caller's role is checked by listReviewQueue; reviewers see every link.
 */
export async function readLinkQueue(projectId: string, q: QueueQuery): Promise<{ items: LinkQueueItem[]; counts: Pick<QueueCounts, 'byAnalyst'> }> {
  const end = (where: Prisma.AnnotationWhereInput): Prisma.LinkWhereInput => ({ OR: [{ from: where }, { to: where }] });
  const where: Prisma.LinkWhereInput = {
    projectId,
    status: q.status.toUpperCase() as 'PENDING',
    ...(q.authorId && { authorId: q.authorId }),
    AND: [
      ...(q.label ? [end({ label: toDbLabel(q.label) })] : []),
      ...(q.articleId ? [end({ articleId: q.articleId })] : []),
      ...(q.outlet ? [end({ article: { outlet: q.outlet } })] : []),
    ],
  };
  const [rows, grouped] = await Promise.all([
    db.link.findMany({
      where,
      select: { ...linkSelect, reviewedById: true, reviewedAt: true, reviewComment: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: q.limit,
    }),
    db.link.groupBy({ by: ['authorId', 'status'], where: { projectId }, _count: { _all: true } }),
  ]);
  // One lookup for the analysts counted and the reviewers of the items (Link has no relation to its reviewer).
  const people = new Set([...grouped.map((g) => g.authorId), ...rows.flatMap((r) => (r.reviewedById ? [r.reviewedById] : []))]);
  const names = new Map((await db.user.findMany({ where: { id: { in: [...people] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const byAnalyst = new Map<string, QueueCounts['byAnalyst'][number]>();
  for (const g of grouped) {
    let analyst = byAnalyst.get(g.authorId);
    if (!analyst) byAnalyst.set(g.authorId, (analyst = { id: g.authorId, name: names.get(g.authorId) ?? '?', approved: 0, rejected: 0, pending: 0 }));
    analyst[g.status.toLowerCase() as 'pending'] += g._count._all;
  }
  const items = rows.map(({ reviewedById, reviewedAt, reviewComment, ...row }): LinkQueueItem => ({
    ...toLinkDto(row),
    reviewedBy: reviewedById && names.has(reviewedById) ? { id: reviewedById, name: names.get(reviewedById)! } : null,
    reviewedAt: reviewedAt?.toISOString() ?? null,
    reviewComment,
  }));
  return { items, counts: { byAnalyst: [...byAnalyst.values()].sort((a, b) => a.name.localeCompare(b.name)) } };
}
