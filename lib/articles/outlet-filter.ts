import type { Prisma } from '@/lib/db/generated/client';
import { UNKNOWN_OUTLET } from '@/lib/claims/dto';

/*
 * Articles without an outlet are filtered as "Unknown outlet", the name the
 * claims matrix gives their column: one name for them across the matrix, the
 * article list and the export (FNC-1's bodies, say, come with none). An outlet
 * actually called "Unknown outlet" is taken along with them, as in the matrix.
 */

/** Whether the filter's outlet names ask for articles without an outlet. */
const wantsUnknownOutlet = (outlets: readonly string[]) => outlets.includes(UNKNOWN_OUTLET);

/** Articles of any of these outlets, as a Prisma where on Article. */
export function outletWhere(outlets: readonly string[]): Prisma.ArticleWhereInput {
  const named: Prisma.ArticleWhereInput = { outlet: { in: [...outlets] } };
  return wantsUnknownOutlet(outlets) ? { OR: [named, { outlet: null }] } : named;
}

/** The same condition in SQL on an article row `a`; `param` is the outlets as a text[] parameter. */
export function outletSql(outlets: readonly string[], a: string, param: string): string {
  const named = `${a}.outlet = ANY(${param}::text[])`;
  return wantsUnknownOutlet(outlets) ? `(${named} OR ${a}.outlet IS NULL)` : named;
}
