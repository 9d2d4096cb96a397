import { type OffsetIndex, quoteSelector } from '@/lib/anchoring/code-points';
import { matchQuote } from '@/lib/anchoring/match-quote';
import type { AnnotationDto } from '@/lib/annotations/dto';

/** What re-anchoring needs of a stored span: its selectors, and whether it is already an orphan. */
export type StoredSpan = Pick<AnnotationDto, 'id' | 'start' | 'end' | 'exact' | 'prefix' | 'suffix' | 'textHash'> & { orphaned: boolean };

/**
 * - kept: same offsets and quote (only the context or hash changes);
 * - reanchored: placed at new offsets or on a changed quote, or an orphan found again;
 * - orphaned: no confident place; the span keeps the selectors of the text it was made on;
 * - still-orphaned: an orphan that the new text does not place either.
 */
export type Reanchoring =
  | { id: string; outcome: 'kept'; update: { prefix: string; suffix: string; textHash: string; anchorScore: number } }
  | {
      id: string;
      outcome: 'reanchored';
      update: { start: number; end: number; exact: string; prefix: string; suffix: string; textHash: string; anchorScore: number; orphaned: false };
    }
  | { id: string; outcome: 'orphaned' | 'still-orphaned'; update: { orphaned: true; anchorScore: 0 } };

/**
 * Decides, for each span of an article, where it goes on the article's new
 * text. Pure: revise-article.ts writes the result in its transaction. The new
 * quote and context are read from the new text, so a fuzzily placed span
 * shows the words that are there now (its old ones are in the audit event).
 */
export function planReanchoring(index: OffsetIndex, textHash: string, spans: StoredSpan[]): Reanchoring[] {
  return spans.map((span) => {
    const match = matchQuote(index, span);
    if (!match) return { id: span.id, outcome: span.orphaned ? 'still-orphaned' : 'orphaned', update: { orphaned: true, anchorScore: 0 } };
    const selector = quoteSelector(index, match.start, match.end);
    const anchorScore = match.score;
    if (!span.orphaned && match.start === span.start && match.end === span.end && selector.exact === span.exact) {
      return { id: span.id, outcome: 'kept', update: { prefix: selector.prefix, suffix: selector.suffix, textHash, anchorScore } };
    }
    return { id: span.id, outcome: 'reanchored', update: { start: match.start, end: match.end, ...selector, textHash, anchorScore, orphaned: false } };
  });
}
