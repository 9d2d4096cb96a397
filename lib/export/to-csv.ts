import { stringify } from 'csv-stringify/sync';
import { CHUNK_CHARS } from './chunk-size';
import type { ExportArticle } from './types';

export const CSV_COLUMNS = ['article_id', 'article_title', 'outlet', 'span_id', 'start', 'end', 'text', 'tag', 'speaker', 'note', 'status', 'reviewer', 'links'] as const;

/**
 * CSV, one row per span (RFC 4180 quoting by csv-stringify). `start`/`end` are
 * code points; `links` lists "kind:otherSpanId" for links starting at the span.
 * `reviewer` stays empty until the review workflow records who decided.
 * Handed on in chunks of at least CHUNK_CHARS (whole articles).
 */
export async function* toCsv(articles: AsyncIterable<ExportArticle>): AsyncGenerator<string> {
  let out = stringify([CSV_COLUMNS as unknown as string[]]);
  for await (const a of articles) {
    // Links by their `from` span, in the article's link order.
    const linksFrom = new Map<string, string[]>();
    for (const l of a.links) {
      const list = linksFrom.get(l.fromId);
      if (list) list.push(`${l.kind}:${l.toId}`);
      else linksFrom.set(l.fromId, [`${l.kind}:${l.toId}`]);
    }
    const rows = a.spans.map((s) => [
      a.id, a.title, a.outlet ?? '', s.id, s.start, s.end, s.exact, s.label, s.speaker ?? '', s.note ?? '', s.status, '',
      linksFrom.get(s.id)?.join(';') ?? '',
    ]);
    if (rows.length) out += stringify(rows);
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}
