import 'server-only';
import { db } from '@/lib/db/client';
import { memberOf } from '@/lib/auth/permissions';
import type { SpanContext } from '@/lib/cross-source/types';

/**
 * Link counts and claims of an article's spans, for the reader's badges and
 * claim controls, in one query (Prisma counts both link relations in SQL).
 * An article the user cannot see has no spans here: the caller has already
 * answered 404 for it, or (from the server action) gets empty maps.
 */
export async function getSpanContext(userId: string, articleId: string): Promise<SpanContext> {
  const rows = await db.annotation.findMany({
    where: { articleId, article: { project: memberOf(userId) }, OR: [{ claimId: { not: null } }, { linksFrom: { some: {} } }, { linksTo: { some: {} } }] },
    select: { id: true, claimId: true, _count: { select: { linksFrom: true, linksTo: true } } },
  });
  const context: SpanContext = { linkCounts: {}, claimIds: {} };
  for (const row of rows) {
    const links = row._count.linksFrom + row._count.linksTo;
    if (links > 0) context.linkCounts[row.id] = links;
    if (row.claimId) context.claimIds[row.id] = row.claimId;
  }
  return context;
}
