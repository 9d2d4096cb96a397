import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { memberOf, requireProjectRoles } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import type { Prisma } from '@/lib/db/generated/client';
import type { LinkDto } from './dto';
import type { ListLinksQuery } from './schema';
import { linkSelect, toLinkDto } from './to-dto';

/** The links of one span (either end), or of a whole project, oldest first. */
export async function listLinks(caller: Caller, query: ListLinksQuery): Promise<LinkDto[]> {
  let where: Prisma.LinkWhereInput;
  if (query.annotationId) {
    const span = await db.annotation.findFirst({
      where: { id: query.annotationId, article: { project: memberOf(caller.id) } },
      select: { id: true },
    });
    if (!span) throw notFound('Span');
    where = { OR: [{ fromAnnotationId: span.id }, { toAnnotationId: span.id }] };
  } else if (query.projectId) {
    await requireProjectRoles(caller.id, query.projectId);
    where = { projectId: query.projectId };
  } else {
    return [];
  }
  const rows = await db.link.findMany({ where, select: linkSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map(toLinkDto);
}
