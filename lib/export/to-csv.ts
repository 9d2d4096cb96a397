import { stringify } from 'csv-stringify/sync';
import { inChunks } from './chunk-size';
import type { ExportArticle } from './types';

// New columns go at the end, so that scripts reading columns by position keep working.
export const CSV_COLUMNS = [
  'article_id', 'article_external_id', 'article_title', 'outlet', 'span_id', 'start', 'end', 'text', 'tag', 'speaker', 'note', 'status', 'reviewer', 'links',
  'annotator', 'claim_id', 'claim',
] as const;

/**
 * CSV, one row per span (RFC 4180 quoting by csv-stringify). `start`/`end` are
 * code points; `article_external_id` is the id the article was imported with
 * (FNC-1's Body ID), empty if none; `links` lists "kind:otherSpanId" for links starting at the span.
 * `reviewer` names who made the latest review decision (empty while pending);
 * `annotator` who tagged the span; `claim_id` and `claim` (its wording) the
 * claim it belongs to, if any. A text cell starting with =, +, -, @, a tab
 * or CR is written with a ' in front (csv-stringify's escape_formulas), so
 * that no spreadsheet runs it.
 * Handed on in chunks of at least CHUNK_CHARS (whole articles).
 */
export async function* toCsv(articles: AsyncIterable<ExportArticle>, opts: { bom?: boolean } = {}): AsyncGenerator<string> {
  // Excel reads a CSV without this mark in the machine's legacy code page: emoji and accents garbled.
  yield (opts.bom ? '\ufeff' : '') + stringify([CSV_COLUMNS as unknown as string[]]);
  yield* inChunks(articles, articleRows);
}

/** An article's spans as CSV rows ('' when it has none). */
function articleRows(a: ExportArticle): string {
  if (a.spans.length === 0) return '';
  // Links by their `from` span, in the article's link order.
  const linksFrom = new Map<string, string[]>();
  for (const l of a.links) {
    const list = linksFrom.get(l.fromId);
    if (list) list.push(`${l.kind}:${l.toId}`);
    else linksFrom.set(l.fromId, [`${l.kind}:${l.toId}`]);
  }
  return stringify(
    a.spans.map((s) => [
      a.id, a.externalId ?? '', a.title, a.outlet ?? '', s.id, s.start, s.end, s.exact, s.label, s.speaker ?? '', s.note ?? '', s.status, s.reviewer ?? '',
      linksFrom.get(s.id)?.join(';') ?? '', s.author.name, s.claimId ?? '', s.claimText ?? '',
    ]),
    // A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a ' in front:
    // imported text and notes are anyone's words, and "=HYPERLINK(…)" must stay words.
    { escape_formulas: true },
  );
}
