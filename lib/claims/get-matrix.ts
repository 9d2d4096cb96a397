import 'server-only';
import { db } from '@/lib/db/client';
import { requireSpanVisibility, visibleSpanSql } from '@/lib/annotations/span-visibility';
import { LABELS, type Label, type ReviewStatus } from '@/lib/annotations/dto';
import type { Caller } from '@/lib/auth/caller';
import { UNKNOWN_OUTLET, type MatrixCell, type MatrixDto, type MatrixRow } from './dto';
import type { MatrixQuery } from './schema';
import { compareOutlets } from './compare-outlets';

type Row = { id: string; text: string; outlet: string | null; label: string | null; status: string | null; n: number };

const emptyCell = (): MatrixCell =>
  Object.fromEntries(LABELS.map((l) => [l, { count: 0, approved: 0, pending: 0, rejected: 0 }])) as MatrixCell;

/**
 * The claim × outlet matrix: per claim and outlet, how many attached spans
 * (of those the caller may see) carry each tag, by review status. One grouped query over claims and their
 * spans (GROUP BY claim, outlet, label, status), whatever the project size.
 * With a filter, only claims with a matching span are rows; without, every
 * claim is, even one with no spans yet.
 */
export async function getMatrix(caller: Caller, projectId: string, filters: MatrixQuery = {}): Promise<MatrixDto> {
  const { visibility } = await requireSpanVisibility(caller.id, projectId);
  const outlet = filters.outlet ?? null;
  const label = filters.label?.toUpperCase() ?? null;
  const status = filters.status?.toUpperCase() ?? null;
  const [rows, articleOutlets] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT c.id, c.text, m.outlet, m.label, m.status, count(m.id)::int AS n
        FROM "Claim" c
        LEFT JOIN (
          SELECT a.id, a."claimId", coalesce(ar.outlet, ${UNKNOWN_OUTLET}) AS outlet, a.label::text AS label, a.status::text AS status
            FROM "Annotation" a
            JOIN "Article" ar ON ar.id = a."articleId"
           WHERE ar."projectId" = ${projectId}
             AND a."claimId" IS NOT NULL
             AND ${visibleSpanSql(visibility, 'a')}
             AND (${outlet}::text IS NULL OR coalesce(ar.outlet, ${UNKNOWN_OUTLET}) = ${outlet}::text)
             AND (${label}::text IS NULL OR a.label::text = ${label}::text)
             AND (${status}::text IS NULL OR a.status::text = ${status}::text)
        ) m ON m."claimId" = c.id
       WHERE c."projectId" = ${projectId}
       GROUP BY c.id, c.text, m.outlet, m.label, m.status`,
    db.article.findMany({ where: { projectId }, select: { outlet: true }, distinct: ['outlet'] }),
  ]);

  const claims = new Map<string, MatrixRow>();
  for (const r of rows) {
    let claim = claims.get(r.id);
    if (!claim) {
      claim = { id: r.id, text: r.text, spanCount: 0, outletCount: 0, cells: {} };
      claims.set(r.id, claim);
    }
    if (r.outlet === null || r.label === null || r.status === null || r.n === 0) continue;
    const cell = (claim.cells[r.outlet] ??= emptyCell());
    const counts = cell[r.label.toLowerCase() as Label];
    counts.count += r.n;
    counts[r.status.toLowerCase() as ReviewStatus] += r.n;
    claim.spanCount += r.n;
  }
  const filtered = filters.outlet !== undefined || filters.label !== undefined || filters.status !== undefined;
  const result = [...claims.values()].filter((c) => !filtered || c.spanCount > 0);
  for (const c of result) c.outletCount = Object.keys(c.cells).length;
  const byText = (a: MatrixRow, b: MatrixRow) => a.text.localeCompare(b.text, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id);
  result.sort(filters.sort === 'text' ? byText : (a, b) => b.outletCount - a.outletCount || b.spanCount - a.spanCount || byText(a, b));

  const outlets = new Set(articleOutlets.map((a) => a.outlet ?? UNKNOWN_OUTLET));
  for (const c of result) for (const o of Object.keys(c.cells)) outlets.add(o);
  const allOutlets = [...outlets].sort(compareOutlets);
  return { projectId, outlets: allOutlets.filter((o) => outlet === null || o === outlet), allOutlets, claims: result };
}
