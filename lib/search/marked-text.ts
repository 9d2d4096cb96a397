/**
 * Highlights made by Postgres. `ts_headline(..., 'HighlightAll=true,
 * StartSel=<STX>, StopSel=<ETX>')` returns the whole text with each matching
 * word wrapped in two control characters. These helpers turn that back into
 * the plain text plus code-point ranges, which is what the API returns, so
 * no HTML ever travels and the client marks words itself.
 */

export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** [start, end) code-point offsets inside the sentence text. */
export type Highlight = [number, number];

/** Strips the markers from `marked`, returning the text and the marked ranges in code points. */
export function parseMarkedText(marked: string): { text: string; highlights: Highlight[] } {
  let text = '';
  let cp = 0;
  let open: number | null = null;
  const highlights: Highlight[] = [];
  for (const ch of marked) {
    if (ch === MARK_START) {
      open ??= cp;
    } else if (ch === MARK_END) {
      if (open !== null && cp > open) highlights.push(mergeable(highlights, open, cp));
      open = null;
    } else {
      text += ch;
      cp++;
    }
  }
  return { text, highlights: highlights.filter((h) => h[1] > h[0]) };
}

/** Ranges that touch are one highlight ("cyber" + "attack" marked back to back). */
function mergeable(highlights: Highlight[], start: number, end: number): Highlight {
  const last = highlights[highlights.length - 1];
  if (last && last[1] === start) {
    highlights.pop();
    return [last[0], end];
  }
  return [start, end];
}

/**
 * Highlights of `text` from Postgres' marked copy of it. If the copy is not the
 * same text once unmarked (the text itself contained a marker character), we
 * return no highlights rather than wrong ones.
 */
export function highlightsFor(text: string, marked: string | null): Highlight[] {
  if (!marked) return [];
  const parsed = parseMarkedText(marked);
  return parsed.text === text ? parsed.highlights : [];
}
