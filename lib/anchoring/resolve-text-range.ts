import type { OffsetIndex } from './code-points';
import type { TextPosition } from './types';

export type ResolveFailure = 'out-of-range' | 'quote-mismatch';
export type ResolvedTextRange = ({ ok: true } & TextPosition) | { ok: false; reason: ResolveFailure };

/**
 * Checks a stored span against the text it is about to be drawn on. The
 * position is trusted only if the text there still equals the stored quote;
 * anything else would paint a highlight over words the analyst never tagged.
 * Re-anchoring a mismatch (fuzzy quote search) is a separate, server-side step.
 */
export function resolveTextRange(index: OffsetIndex, stored: TextPosition & { exact: string }): ResolvedTextRange {
  const { start, end, exact } = stored;
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= index.length)) {
    return { ok: false, reason: 'out-of-range' };
  }
  if (index.slice(start, end) !== exact) return { ok: false, reason: 'quote-mismatch' };
  return { ok: true, start, end };
}
