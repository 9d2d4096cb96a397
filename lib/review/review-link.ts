import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { memberOf, toProjectRole } from '@/lib/auth/permissions';
import { recordEvent } from '@/lib/audit/record-event';
import { linkSelect, toLinkDto } from '@/lib/links/to-dto';
import type { LinkDto } from '@/lib/links/dto';
import type { Caller } from '@/lib/auth/caller';
import type { ReviewInput } from './schema';
import { checkReviewAllowed, staleVersion, statusFor } from './decide';

/** Approve or reject a link; same rules and race safety as for spans. */
export async function reviewLink(caller: Caller, id: string, input: ReviewInput): Promise<LinkDto> {
  const link = await db.link.findFirst({
    where: { id, project: memberOf(caller.id) },
    select: { authorId: true, projectId: true, status: true, project: { select: { memberships: { where: { userId: caller.id }, select: { role: true } } } } },
  });
  if (!link) throw notFound('Link');
  const roles = link.project.memberships.map((m) => toProjectRole(m.role));
  checkReviewAllowed(roles, link.authorId, caller.id);
  const status = statusFor(input.decision);
  return db.$transaction(async (tx) => {
    const { count } = await tx.link.updateMany({
      where: { id, version: input.version },
      data: { status, reviewedById: caller.id, reviewedAt: new Date(), reviewComment: input.comment || null, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.link.findUnique({ where: { id }, select: { version: true } });
      if (!current) throw notFound('Link');
      throw staleVersion(current.version, input.version);
    }
    await recordEvent(tx, {
      projectId: link.projectId,
      actorId: caller.id,
      action: 'link.review',
      objectType: 'link',
      objectId: id,
      before: { status: link.status.toLowerCase(), version: input.version },
      after: { status: status.toLowerCase(), version: input.version + 1, comment: input.comment ?? null, asAdmin: !roles.includes('reviewer') },
    });
    return toLinkDto(await tx.link.findUniqueOrThrow({ where: { id }, select: linkSelect }));
  });
}
