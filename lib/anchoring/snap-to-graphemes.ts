/**
 * Widens a UTF-16 range so it never cuts a user-perceived character in two:
 * half a ZWJ family emoji, one regional indicator of a flag, or a base letter
 * without its combining accent. Browsers select by grapheme, but keyboard
 * extension, programmatic selections and trimming can still land inside one.
 */

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

// Segmenting from the start of a very long line on every selection change
// would be slow, so past this distance we restart at a space: UAX #29 puts a
// grapheme boundary before a space unless a (rare) Prepend character precedes it.
const MAX_LOOKBEHIND = 2048;

function segmentStart(text: string, unit: number): number {
  const lineStart = unit === 0 ? 0 : text.lastIndexOf('\n', unit - 1) + 1;
  if (unit - lineStart <= MAX_LOOKBEHIND) return lineStart;
  const space = text.lastIndexOf(' ', unit - MAX_LOOKBEHIND);
  return space > lineStart ? space : lineStart;
}

/** The grapheme cluster holding UTF-16 unit `unit` (which must be < text.length). */
function clusterAt(text: string, unit: number): { start: number; end: number } {
  if (!segmenter) return { start: unit, end: unit + 1 };
  const from = segmentStart(text, unit);
  // Clusters never cross a line end (GB4/GB5), so the window can stop at the next newline.
  const nl = text.indexOf('\n', unit);
  const to = nl === -1 ? text.length : nl + 1;
  const seg = segmenter.segment(text.slice(from, to)).containing(unit - from);
  if (!seg) return { start: unit, end: unit + 1 };
  return { start: from + seg.index, end: from + seg.index + seg.segment.length };
}

export function snapToGraphemes(text: string, start: number, end: number): { start: number; end: number } {
  if (start >= end) return { start, end };
  return { start: clusterAt(text, start).start, end: clusterAt(text, end - 1).end };
}
