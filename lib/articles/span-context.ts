import 'server-only';
import { db } from '@/lib/db/client';
import { findArticleSpanVisibility, visibleSpanWhere } from '@/lib/annotations/span-visibility';
import type { SpanContext } from '@/lib/cross-source/types';

/**
 * Link counts and claims of an article's spans, for the reader's badges and
 * claim controls: after the visibility check, one query (Prisma counts both
 * link relations in SQL).
 * An article the user cannot see has no spans here: the caller has already
 * answered 404 for it, or (from the server action) gets empty maps.
 */
export async function getSpanContext(userId: string, articleId: string): Promise<SpanContext> {
  const context: SpanContext = { linkCounts: {}, claimIds: {} };
  const found = await findArticleSpanVisibility(userId, articleId);
  if (!found) return context;
  // Independent annotation: only the caller's visible spans, and links whose other end they may see.
  const visible = visibleSpanWhere(found.visibility);
  const rows = await db.annotation.findMany({
    where: { articleId, AND: [visible, { OR: [{ claimId: { not: null } }, { linksFrom: { some: { to: visible } } }, { linksTo: { some: { from: visible } } }] }] },
    select: { id: true, claimId: true, _count: { select: { linksFrom: { where: { to: visible } }, linksTo: { where: { from: visible } } } } },
  });
  for (const row of rows) {
    const links = row._count.linksFrom + row._count.linksTo;
    if (links > 0) context.linkCounts[row.id] = links;
    if (row.claimId) context.claimIds[row.id] = row.claimId;
  }
  return context;
}
