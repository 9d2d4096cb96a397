import 'server-only';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { visibleSpanSql, type SpanVisibility } from '@/lib/annotations/span-visibility';
import { UNKNOWN_OUTLET, type ClaimDto } from './dto';

type Row = {
  id: string;
  projectId: string;
  text: string;
  verdict: string | null;
  verdictNote: string | null;
  verdictAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  authorId: string;
  authorName: string;
  spanCount: number;
  outletCount: number;
};

/**
 * Claims as DTOs with their span and outlet counts, in one grouped query;
 * only the spans `visibility` shows are counted (independent annotation).
 * Callers check access first; this only reads.
 */
export async function readClaims(scope: { projectId: string } | { claimId: string }, visibility: SpanVisibility): Promise<ClaimDto[]> {
  const where = 'projectId' in scope ? Prisma.sql`c."projectId" = ${scope.projectId}` : Prisma.sql`c.id = ${scope.claimId}`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id, c."projectId", c.text, c.verdict, c."verdictNote", c."verdictAt", c.version, c."createdAt", c."updatedAt",
           u.id AS "authorId", u.name AS "authorName",
           count(a.id)::int AS "spanCount",
           (count(DISTINCT coalesce(ar.outlet, ${UNKNOWN_OUTLET})) FILTER (WHERE a.id IS NOT NULL))::int AS "outletCount"
      FROM "Claim" c
      JOIN "User" u ON u.id = c."authorId"
      LEFT JOIN "Annotation" a ON a."claimId" = c.id AND ${visibleSpanSql(visibility, 'a')}
      LEFT JOIN "Article" ar ON ar.id = a."articleId"
     WHERE ${where}
     GROUP BY c.id, u.id
     ORDER BY lower(c.text), c.id`;
  return rows.map(({ authorId, authorName, createdAt, updatedAt, verdictAt, ...row }) => ({
    ...row,
    verdictAt: verdictAt?.toISOString() ?? null,
    author: { id: authorId, name: authorName },
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  }));
}

export async function readClaim(claimId: string, visibility: SpanVisibility): Promise<ClaimDto> {
  const [claim] = await readClaims({ claimId }, visibility);
  return claim;
}
