import { stringify } from 'csv-stringify/sync';
import type { ExportArticle } from './types';

export const CSV_COLUMNS = ['article_id', 'article_title', 'outlet', 'span_id', 'start', 'end', 'text', 'tag', 'speaker', 'note', 'status', 'reviewer', 'links'] as const;

/**
 * CSV, one row per span (RFC 4180 quoting by csv-stringify). `start`/`end` are
 * code points; `links` lists "kind:otherSpanId" for links starting at the span.
 * `reviewer` stays empty until the review workflow records who decided.
 */
export async function* toCsv(articles: AsyncIterable<ExportArticle>): AsyncGenerator<string> {
  yield stringify([CSV_COLUMNS as unknown as string[]]);
  for await (const a of articles) {
    const rows = a.spans.map((s) => [
      a.id, a.title, a.outlet ?? '', s.id, s.start, s.end, s.exact, s.label, s.speaker ?? '', s.note ?? '', s.status, '',
      a.links.filter((l) => l.fromId === s.id).map((l) => `${l.kind}:${l.toId}`).join(';'),
    ]);
    if (rows.length) yield stringify(rows);
  }
}
