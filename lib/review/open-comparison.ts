import 'server-only';
import { db, type Tx } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { assertAllowed, can, memberOf, toProjectRole, type ProjectRole } from '@/lib/auth/permissions';
import { recordEvent } from '@/lib/audit/record-event';
import type { Caller } from '@/lib/auth/caller';
import type { OpenedDto } from './comparison-dto';

/** An article the caller reviews in, with their roles: others' ids are 404, analysts 403. */
export async function findArticleToCompare(userId: string, articleId: string): Promise<{ id: string; projectId: string; roles: ProjectRole[] }> {
  const article = await db.article.findFirst({
    where: { id: articleId, project: memberOf(userId) },
    select: { id: true, projectId: true, project: { select: { memberships: { where: { userId }, select: { role: true } } } } },
  });
  if (!article) throw notFound('Article');
  const roles = article.project.memberships.map((m) => toProjectRole(m.role));
  assertAllowed(can.review(roles), 'Only reviewers and admins of this project compare analysts');
  return { id: article.id, projectId: article.projectId, roles };
}

/**
 * Records, once, that a reviewer opened the article for comparison, in the
 * caller's transaction: from then on every member sees all of its spans
 * (lib/annotations/span-visibility.ts). The audit event names the article, so
 * open readers' live streams refetch and show the other analysts' spans.
 */
export async function markOpenedForComparison(tx: Tx, article: { id: string; projectId: string }, actorId: string): Promise<void> {
  const { count } = await tx.articleComparison.createMany({ data: [{ articleId: article.id, openedById: actorId }], skipDuplicates: true });
  if (count > 0) {
    await recordEvent(tx, {
      projectId: article.projectId,
      actorId,
      action: 'article.compare',
      objectType: 'article',
      objectId: article.id,
      after: { articleId: article.id, openedForComparison: true },
    });
  }
}

/** When and by whom the article was opened for comparison; null if it was not. */
export async function readOpened(articleId: string): Promise<OpenedDto | null> {
  const row = await db.articleComparison.findUnique({ where: { articleId }, select: { openedAt: true, openedById: true } });
  if (!row) return null;
  const by = await db.user.findUnique({ where: { id: row.openedById }, select: { id: true, name: true } });
  return { at: row.openedAt.toISOString(), by };
}

/** Opens the article for comparison (idempotent: a second call changes nothing and says when it was opened). */
export async function openComparison(caller: Caller, articleId: string): Promise<OpenedDto> {
  const article = await findArticleToCompare(caller.id, articleId);
  await db.$transaction((tx) => markOpenedForComparison(tx, article, caller.id));
  return (await readOpened(articleId))!;
}
