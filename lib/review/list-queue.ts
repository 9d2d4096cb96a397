import 'server-only';
import { z } from 'zod';
import { run, statement, type Statement } from '@/lib/db/client';
import { assertAllowed, can, requireProjectRoles } from '@/lib/auth/permissions';
import { LABELS, REVIEW_STATUSES } from '@/lib/annotations/dto';
import { spanColumns, spanRowToDto, type SpanRow } from '@/lib/annotations/span-row';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { readLinkQueue } from './list-link-queue';

export const queueQuery = z.strictObject({
  kind: z.enum(['spans', 'links']).default('spans').describe('What to review: tagged spans, or the links between spans'),
  status: z.enum(REVIEW_STATUSES).default('pending'),
  label: z.enum(LABELS).optional().describe('Spans with this tag (links: either end)'),
  articleId: z.string().max(100).optional(),
  outlet: z.string().max(200).optional(),
  authorId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type QueueQuery = z.infer<typeof queueQuery>;

export type QueueItem = AnnotationDto & { article: { id: string; title: string; outlet: string | null } };
export type QueueCounts = { byAnalyst: { id: string; name: string; approved: number; rejected: number; pending: number }[]; byLabel: Record<string, { approved: number; rejected: number; pending: number }> };

type ItemRow = SpanRow & { articleTitle: string; articleOutlet: string | null };
type CountRow = { authorId: string; authorName: string; label: string; status: string; n: number };

/**
 * Items waiting for review, oldest first, with the counts a reviewer sees on
 * top. Two statements at once on the pool after the role check: a reviewer
 * reloads the queue as they work through it, and Prisma's relation selects
 * and groupBy took five round trips and most of the request's time.
 */
export async function listReviewQueue(userId: string, projectId: string, q: QueueQuery): Promise<ReviewQueueDto> {
  const roles = await requireProjectRoles(userId, projectId);
  assertAllowed(can.review(roles), 'Only reviewers and admins of this project see the review queue');
  return q.kind === 'links' ? { kind: 'links', ...(await readLinkQueue(projectId, q)) } : { kind: 'spans', ...(await readQueue(projectId, q)) };
}

/** The queue as the page and the API answer it: spans with counts per analyst and tag, or links with counts per analyst. */
export type ReviewQueueDto = ({ kind: 'spans' } & Awaited<ReturnType<typeof readQueue>>) | ({ kind: 'links' } & Awaited<ReturnType<typeof readLinkQueue>>);

/** The queue's two statements, for readQueue (and for the benchmark's EXPLAIN). */
export function queueStatements(projectId: string, q: QueueQuery): { items: Statement; counts: Statement } {
  return {
    items: statement`
      SELECT ${spanColumns('s', 'u')}, a.title AS "articleTitle", a.outlet AS "articleOutlet"
        FROM "Annotation" s
        JOIN "Article" a ON a.id = s."articleId"
        JOIN "User" u ON u.id = s."authorId"
       WHERE a."projectId" = ${projectId}
         AND s.status = ${q.status.toUpperCase()}::"ReviewStatus"
         AND (${q.label ?? null}::text IS NULL OR s.label::text = ${q.label?.toUpperCase() ?? null}::text)
         AND (${q.articleId ?? null}::text IS NULL OR a.id = ${q.articleId ?? null}::text)
         AND (${q.outlet ?? null}::text IS NULL OR a.outlet = ${q.outlet ?? null}::text)
         AND (${q.authorId ?? null}::text IS NULL OR s."authorId" = ${q.authorId ?? null}::text)
       ORDER BY s."createdAt", s.id
       LIMIT ${q.limit}::int`,
    // Grouped before the names are joined: one name lookup per analyst, not per span.
    counts: statement`
      SELECT g."authorId", u.name AS "authorName", g.label, g.status, g.n
        FROM (SELECT s."authorId", s.label::text AS label, s.status::text AS status, count(*)::int AS n
                FROM "Annotation" s JOIN "Article" a ON a.id = s."articleId"
               WHERE a."projectId" = ${projectId}
               GROUP BY s."authorId", s.label, s.status) g
        JOIN "User" u ON u.id = g."authorId"`,
  };
}

/** The queue without the role check: what listReviewQueue answers once the caller may see it. */
export async function readQueue(projectId: string, q: QueueQuery): Promise<{ items: QueueItem[]; counts: QueueCounts }> {
  const statements = queueStatements(projectId, q);
  const [rows, grouped] = await Promise.all([run<ItemRow>(statements.items), run<CountRow>(statements.counts)]);
  const byAnalyst = new Map<string, QueueCounts['byAnalyst'][number]>();
  const byLabel: QueueCounts['byLabel'] = Object.fromEntries(LABELS.map((l) => [l, { approved: 0, rejected: 0, pending: 0 }]));
  for (const g of grouped) {
    const key = g.status.toLowerCase() as 'approved';
    let analyst = byAnalyst.get(g.authorId);
    if (!analyst) byAnalyst.set(g.authorId, (analyst = { id: g.authorId, name: g.authorName, approved: 0, rejected: 0, pending: 0 }));
    analyst[key] += g.n;
    byLabel[g.label.toLowerCase()][key] += g.n;
  }
  return {
    items: rows.map(({ articleTitle, articleOutlet, ...r }) => ({ ...spanRowToDto(r), article: { id: r.articleId, title: articleTitle, outlet: articleOutlet } })),
    counts: { byAnalyst: [...byAnalyst.values()].sort((a, b) => a.name.localeCompare(b.name)), byLabel },
  };
}
