import 'server-only';
import { db } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors';
import { recordEvent } from '@/lib/audit/record-event';
import { annotationSelect, toAnnotationDto } from '@/lib/annotations/to-dto';
import type { Caller } from '@/lib/auth/caller';
import type { ComparisonDecisionDto } from './comparison-dto';
import type { ComparisonDecisionInput } from './comparison-schema';
import { checkReviewAllowed, staleVersion, statusFor } from './decide';
import { reviewInput, type ReviewInput } from './schema';
import { findArticleToCompare, markOpenedForComparison, readOpened } from './open-comparison';

type Side = 'a' | 'b';
type Planned = { side: Side; id: string; exact: string; review: ReviewInput; status: 'APPROVED' | 'REJECTED'; before: string; otherSpanId: string | null };

export const defaultRejection = (otherAnalyst: string) => `Not accepted in comparison with ${otherAnalyst}`;

/**
 * A reviewer's decision on one line of the comparison view: the accepted
 * spans are approved and the others rejected, through the review state
 * machine (lib/review/decide.ts: reviewers and admins only, nobody their own
 * work, a version check per span, a comment on every rejection: the
 * reviewer's, else "Not accepted in comparison with <other analyst>").
 *
 * One transaction for the pair: if either span changed since the reviewer
 * loaded it (stale version → 409), neither is decided. The article is opened
 * for comparison in the same transaction: a decision shows the analysts each
 * other's work, so they may see it.
 */
export async function decideComparison(caller: Caller, articleId: string, input: ComparisonDecisionInput): Promise<ComparisonDecisionDto> {
  const article = await findArticleToCompare(caller.id, articleId);
  const refs = (['a', 'b'] as const).flatMap((side) => (input[side] ? [{ side, ...input[side]! }] : []));
  const [spans, analysts] = await Promise.all([
    db.annotation.findMany({ where: { id: { in: refs.map((r) => r.id) }, articleId, orphaned: false }, select: { id: true, authorId: true, status: true, exact: true } }),
    db.user.findMany({ where: { id: { in: [input.analystA, input.analystB] } }, select: { id: true, name: true } }),
  ]);
  const analystOf = (side: Side) => (side === 'a' ? input.analystA : input.analystB);
  const nameOf = (side: Side) => analysts.find((u) => u.id === analystOf(side))?.name ?? 'the other analyst';

  const planned: Planned[] = refs.map((ref) => {
    const span = spans.find((s) => s.id === ref.id);
    if (!span) throw new AppError('NOT_FOUND', 'Span not found on this article', { [`${ref.side}.id`]: 'no such span on this article' });
    if (span.authorId !== analystOf(ref.side)) {
      throw new AppError('BAD_REQUEST', `That span is not by analyst ${ref.side.toUpperCase()}`, { [`${ref.side}.id`]: `is not by analyst ${ref.side.toUpperCase()}` });
    }
    checkReviewAllowed(article.roles, span.authorId, caller.id);
    const other: Side = ref.side === 'a' ? 'b' : 'a';
    const accepted = input.accept === ref.side || input.accept === 'both';
    const review = reviewInput.parse({
      decision: accepted ? 'approve' : 'reject',
      comment: input.comment || (accepted ? undefined : defaultRejection(nameOf(other))),
      version: ref.version,
    });
    return { side: ref.side, id: span.id, exact: span.exact, review, status: statusFor(review.decision), before: span.status.toLowerCase(), otherSpanId: input[other]?.id ?? null };
  });

  const asAdmin = !article.roles.includes('reviewer');
  // Locks are taken in id order, so two reviewers deciding the same pair cannot deadlock.
  const ordered = [...planned].sort((x, y) => (x.id < y.id ? -1 : 1));
  await db.$transaction(async (tx) => {
    for (const p of ordered) {
      const { count } = await tx.annotation.updateMany({
        where: { id: p.id, version: p.review.version },
        data: { status: p.status, reviewedById: caller.id, reviewedAt: new Date(), reviewComment: p.review.comment || null, version: { increment: 1 } },
      });
      if (count === 0) {
        const current = await tx.annotation.findUnique({ where: { id: p.id }, select: { version: true } });
        if (!current) throw notFound('Annotation');
        throw staleVersion(current.version, p.review.version);
      }
      await recordEvent(tx, {
        projectId: article.projectId,
        actorId: caller.id,
        action: 'annotation.review',
        objectType: 'annotation',
        objectId: p.id,
        before: { status: p.before, version: p.review.version },
        // The words decided on, as reviewAnnotation records them: a later revision may move the span.
        after: {
          status: p.status.toLowerCase(),
          version: p.review.version + 1,
          comment: p.review.comment || null,
          exact: p.exact,
          asAdmin,
          comparison: { accept: input.accept, side: p.side, otherSpanId: p.otherSpanId },
        },
      });
    }
    await markOpenedForComparison(tx, article, caller.id);
  });

  const [after, opened] = await Promise.all([db.annotation.findMany({ where: { id: { in: planned.map((p) => p.id) } }, select: annotationSelect }), readOpened(articleId)]);
  const dto = (side: Side) => {
    const row = after.find((r) => r.id === input[side]?.id);
    return row ? toAnnotationDto(row) : null;
  };
  return { a: dto('a'), b: dto('b'), opened: opened! };
}
