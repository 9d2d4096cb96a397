import { graphemeClusters } from './grapheme-clusters';
import { normalizeText } from './normalize-text';

/** Offsets into the text as given, mapped onto its canonical text. */
export type CanonicalOffsets = {
  /** normalizeText(input). */
  text: string;
  /** A code-point offset in the input as an offset in `text`: one inside a character (between "e" and its accent) goes to its start or its end. */
  map(offset: number, side: 'start' | 'end'): number;
};

/**
 * The canonical text of a text another tool stored as it came (doccano and
 * Label Studio keep CRLF line ends and decomposed accents, and count them in
 * their offsets), with a map for those offsets. Built one grapheme cluster
 * at a time: canonicalising never joins or splits clusters (CRLF is one
 * cluster, and NFC composes a base with the marks of its own cluster), so the
 * canonical text is the clusters' canonical forms end to end, and an offset
 * between clusters maps exactly. The pieces are checked against
 * normalizeText, the one definition of canonical text: where they differ (a
 * byte-order mark inside the text) the answer is null and the caller refuses
 * the offsets rather than guess.
 */
export function canonicalOffsets(input: string): CanonicalOffsets | null {
  const bom = input.startsWith('\uFEFF') ? 1 : 0;
  const size = Array.from(input).length;
  // For each input offset, its canonical offset rounded down and up (they differ inside a cluster).
  const down = new Int32Array(size + 1);
  const up = new Int32Array(size + 1);
  let raw = bom;
  let canonical = 0;
  let text = '';
  for (const segment of graphemeClusters(input.slice(bom))) {
    const piece = normalizeText(segment);
    const rawLength = Array.from(segment).length;
    const length = Array.from(piece).length;
    for (let k = 0; k < rawLength; k++) {
      down[raw + k] = canonical;
      up[raw + k] = k === 0 ? canonical : canonical + length;
    }
    raw += rawLength;
    canonical += length;
    text += piece;
  }
  down[raw] = up[raw] = canonical;
  if (text !== normalizeText(input)) return null;
  return { text, map: (offset, side) => (side === 'start' ? down : up)[offset] };
}
