import 'server-only';
import { db } from '@/lib/db/client';
import { findAnnotationForUser } from '@/lib/annotations/find-annotation';
import { requireSpanVisibility, visibleLinkWhere } from '@/lib/annotations/span-visibility';
import type { Caller } from '@/lib/auth/caller';
import type { Prisma } from '@/lib/db/generated/client';
import type { LinkDto } from './dto';
import type { ListLinksQuery } from './schema';
import { linkSelect, toLinkDto } from './to-dto';

/**
 * The links of one span (either end), or of a whole project, oldest first:
 * only links whose two spans the caller may see (independent annotation).
 */
export async function listLinks(caller: Caller, query: ListLinksQuery): Promise<LinkDto[]> {
  let where: Prisma.LinkWhereInput;
  if (query.annotationId) {
    const span = await findAnnotationForUser(caller.id, query.annotationId);
    where = { OR: [{ fromAnnotationId: span.id }, { toAnnotationId: span.id }], ...visibleLinkWhere(span.visibility) };
  } else if (query.projectId) {
    const { visibility } = await requireSpanVisibility(caller.id, query.projectId);
    where = { projectId: query.projectId, ...visibleLinkWhere(visibility) };
  } else {
    return [];
  }
  const rows = await db.link.findMany({ where, select: linkSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map(toLinkDto);
}
