import 'server-only';
import type { Tx } from '@/lib/db/client';
import type { AuditEventInput } from '@/lib/audit/record-event';

/**
 * What a decision is cleared to when what it judged has changed: a span now
 * on other words (an edit, a revision's re-anchoring, an orphan placed by
 * hand) is pending again. The decision itself stays in the audit log.
 */
export const UNDECIDED = { status: 'PENDING', reviewedById: null, reviewedAt: null, reviewComment: null } as const;

/**
 * The decided links of spans whose words changed, back to review too (a
 * reviewer approved "this corroborates that" of the old words); their audit
 * events, for the caller to record with its own.
 */
export async function reopenLinksOf(tx: Tx, projectId: string, spanIds: string[], actorId: string | null, reason: string): Promise<AuditEventInput[]> {
  if (spanIds.length === 0) return [];
  const links = await tx.link.findMany({
    where: { status: { not: 'PENDING' }, OR: [{ fromAnnotationId: { in: spanIds } }, { toAnnotationId: { in: spanIds } }] },
    select: { id: true, status: true },
  });
  if (links.length === 0) return [];
  await tx.link.updateMany({ where: { id: { in: links.map((l) => l.id) } }, data: { ...UNDECIDED, version: { increment: 1 } } });
  return links.map((l) => ({
    projectId, actorId, action: 'link.reopen', objectType: 'link', objectId: l.id,
    before: { status: l.status.toLowerCase() }, after: { status: 'pending', reason },
  }));
}
