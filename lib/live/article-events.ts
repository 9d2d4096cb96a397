import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { memberOf } from '@/lib/auth/permissions';
import { requireSpanVisibility, visibleEventSql } from '@/lib/annotations/span-visibility';

/** How often the stream looks for new events: changes show within ~1 s. */
export const POLL_MS = 1000;
/**
 * An event's createdAt can be its transaction's start (the SQL inserts take
 * the column default): a transaction that began before the newest event seen
 * but committed after it would fall behind the cursor. Each poll looks this
 * far back and skips what it has sent.
 */
const LOOKBACK_MS = 10_000;

/** `textHash`: a revision's new text, so a page already showing it ignores the event. */
type EventRow = { id: string; action: string; objectId: string; createdAt: Date; textHash: string | null };

/**
 * Server-sent events for one article: a `change` event whenever a span of it
 * is created, edited, deleted or reviewed, or a link in its project changes.
 * It reads the audit log, which every change writes in its own transaction,
 * so no separate pub/sub is needed and nothing is missed across restarts: the
 * browser's EventSource reconnects (retry: 1000) and resumes from
 * Last-Event-ID, the time of the last event it saw.
 */
export async function openArticleEvents(userId: string, articleId: string, resumeFrom: string | null, signal: AbortSignal) {
  // Only the project is needed (and the check that the caller may read the article).
  const article = await db.article.findFirst({ where: { id: articleId, project: memberOf(userId) }, select: { projectId: true } });
  if (!article) throw notFound('Article');
  const encoder = new TextEncoder();
  // Resume from Last-Event-ID, or from the time the client asked for (when it
  // loaded the page), so a change made while the stream was connecting is not
  // missed. Replaying a little too much only costs the client one refetch;
  // never more than a minute back.
  const now = Date.now();
  const asked = resumeFrom ? Date.parse(resumeFrom) : NaN;
  let since = new Date(Number.isNaN(asked) ? now : Math.min(now, Math.max(asked, now - 60_000)));
  /** Sent events by id, with their time, kept while they are inside the look-back. */
  const seen = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      send(`retry: 1000\n: connected\n\n`);
      const poll = async () => {
        if (signal.aborted) return;
        try {
          // Asked again each time: membership, the project's setting and the article's opening can change mid-stream.
          const { visibility } = await requireSpanVisibility(userId, article.projectId);
          const rows = await db.$queryRaw<EventRow[]>`
            SELECT e.id, e.action, e."objectId", e."createdAt",
                   CASE WHEN e.action = 'article.revise' THEN e.after->>'textHash' END AS "textHash"
              FROM "AuditEvent" e
             WHERE e."projectId" = ${article.projectId} AND e."createdAt" >= ${new Date(since.getTime() - LOOKBACK_MS)}
               AND (e."objectType" = 'link' OR e.after->>'articleId' = ${articleId} OR e.before->>'articleId' = ${articleId}
                    OR (e."objectType" = 'annotation' AND e."objectId" IN (SELECT id FROM "Annotation" WHERE "articleId" = ${articleId})))
               AND ${visibleEventSql(visibility, 'e')}
               AND NOT (e.id = ANY(${[...seen.keys()]}::text[]))
             ORDER BY e."createdAt" ASC, e.seq ASC LIMIT 200`;
          for (const row of rows) {
            seen.set(row.id, row.createdAt.getTime());
            if (row.createdAt > since) since = row.createdAt;
            send(`id: ${since.toISOString()}\nevent: change\ndata: ${JSON.stringify({ action: row.action, objectId: row.objectId, ...(row.textHash && { textHash: row.textHash }) })}\n\n`);
          }
          for (const [id, at] of seen) if (at < since.getTime() - LOOKBACK_MS) seen.delete(id);
          if (rows.length === 0) send(`: keep-alive\n\n`);
        } catch (error) {
          controller.error(error);
          return;
        }
        timer = setTimeout(poll, POLL_MS);
      };
      void poll();
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      });
    },
    cancel() {
      clearTimeout(timer);
    },
  });
}
