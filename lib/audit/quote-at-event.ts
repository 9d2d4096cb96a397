import 'server-only';
import { db } from '@/lib/db/client';
import type { AuditEventDto } from './list-events';

/**
 * The words each span event was about, as they were then: a revision may
 * re-anchor a span onto other words, or a person place an orphan on new ones,
 * and the activity log should not quote a decision on words nobody decided on.
 *
 * From the event itself where it recorded them (`exact` in after: the span as
 * the event left it; else in before: a deletion, an orphaning, which keeps the
 * old words). Reviews recorded none before they did: for those, the words the
 * span had until it next moved, which that move recorded as its `before`. An
 * event the span has not moved since is missing from the map: the span's
 * current words are the ones.
 */
export async function quotesAtEvents(events: AuditEventDto[]): Promise<Map<string, string>> {
  const quotes = new Map<string, string>();
  const unrecorded: string[] = [];
  for (const e of events) {
    if (e.objectType !== 'annotation') continue;
    const words = recordedExact(e.after) ?? recordedExact(e.before);
    if (words === undefined) unrecorded.push(e.id);
    else quotes.set(e.id, words);
  }
  if (unrecorded.length === 0) return quotes;
  // The write order (createdAt, then seq) says which move came next; one statement for the page.
  const rows = await db.$queryRaw<{ id: string; exact: string | null }[]>`
    SELECT e.id,
           (SELECT n.before->>'exact' FROM "AuditEvent" n
             WHERE n."objectType" = 'annotation' AND n."objectId" = e."objectId"
               AND n.action IN ('annotation.reanchor', 'annotation.place')
               AND (n."createdAt", n.seq) > (e."createdAt", e.seq)
             ORDER BY n."createdAt", n.seq
             LIMIT 1) AS exact
      FROM "AuditEvent" e
     WHERE e.id = ANY(${unrecorded}::text[])`;
  for (const r of rows) if (r.exact !== null) quotes.set(r.id, r.exact);
  return quotes;
}

function recordedExact(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const exact = (value as { exact?: unknown }).exact;
  return typeof exact === 'string' ? exact : undefined;
}
