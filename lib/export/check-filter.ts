import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { ExportQuery } from './schema';
import { UNKNOWN_OUTLET } from '@/lib/claims/dto';
import { outletWhere } from '@/lib/articles/outlet-filter';

/** How many of the project's outlets an unknown-outlet error lists. */
const OUTLETS_NAMED = 20;

const quoted = (values: string[]) => values.map((v) => `"${v}"`).join(', ');

/**
 * Refuses an export filter that names an article or an outlet the project
 * does not have. Without this, a typo (or an article id from another project)
 * gives an empty export that looks like "nothing was tagged". An id from a
 * project the caller cannot see reads as unknown, like any other.
 */
export async function checkExportFilter(projectId: string, query: Pick<ExportQuery, 'articleId' | 'outlet'>): Promise<void> {
  if (query.articleId) {
    const found = await db.article.findMany({ where: { projectId, id: { in: query.articleId } }, select: { id: true } });
    const known = new Set(found.map((a) => a.id));
    const missing = query.articleId.filter((id) => !known.has(id));
    if (missing.length > 0) {
      const what = `no article ${quoted(missing)} in this project`;
      throw new AppError('BAD_REQUEST', `The export filter names ${what}`, { articleId: what });
    }
  }
  if (query.outlet) {
    const found = await db.article.findMany({ where: { projectId, ...outletWhere(query.outlet) }, select: { outlet: true }, distinct: ['outlet'] });
    const known = new Set(found.map((a) => a.outlet ?? UNKNOWN_OUTLET));
    const missing = query.outlet.filter((o) => !known.has(o));
    if (missing.length > 0) {
      const outlets = await db.article.findMany({
        where: { projectId },
        select: { outlet: true },
        distinct: ['outlet'],
        orderBy: { outlet: { sort: 'asc', nulls: 'last' } },
        take: OUTLETS_NAMED + 1,
      });
      const names = outlets.slice(0, OUTLETS_NAMED).map((a) => a.outlet ?? UNKNOWN_OUTLET);
      const list = names.length === 0 ? 'it has no outlets' : `its outlets: ${quoted(names)}${outlets.length > OUTLETS_NAMED ? ', …' : ''}`;
      const what = `no outlet ${quoted(missing)} in this project`;
      throw new AppError('BAD_REQUEST', `The export filter names ${what} (${list})`, { outlet: what });
    }
  }
}
