import DiffMatchPatch from 'diff-match-patch';

/** -1 deleted (only in the older text), 0 in both, 1 inserted (only in the newer text). */
export type DiffOp = -1 | 0 | 1;
export type TextDiff = [DiffOp, string][];

/** Past this, diff_main returns a coarser (still correct) diff rather than keep a request waiting. */
const DIFF_TIMEOUT_SECONDS = 1;

/**
 * A word-level readable diff of two revisions of an article: diff-match-patch's
 * diff_main, then diff_cleanupSemantic so changes read as whole words and
 * phrases rather than scattered letters.
 *
 * diff-match-patch compares UTF-16 units and may cut an emoji (a surrogate
 * pair) in two, leaving invalid halves on each side. So every astral code
 * point is first swapped for a private-use character that neither text
 * contains, and swapped back in the result.
 */
export function diffTexts(older: string, newer: string): TextDiff {
  const { encode, decode } = astralCodec(older + newer);
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = DIFF_TIMEOUT_SECONDS;
  const diffs = dmp.diff_main(encode(older), encode(newer));
  dmp.diff_cleanupSemantic(diffs);
  // The library's Diff objects are not arrays (JSON would make {"0":…,"1":…}).
  return diffs.map((d) => [d[0] as DiffOp, decode(d[1])]);
}

function astralCodec(sample: string) {
  const used = new Set<number>();
  const astral = new Set<string>();
  for (const ch of sample) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0xffff) astral.add(ch);
    else used.add(cp);
  }
  if (astral.size === 0) return { encode: (s: string) => s, decode: (s: string) => s };
  const toBmp = new Map<string, string>();
  const fromBmp = new Map<string, string>();
  const free = freeBmpCharacters(used);
  for (const ch of astral) {
    const next = free.next();
    if (next.done) throw new Error('diffTexts: more distinct astral characters than free BMP characters');
    toBmp.set(ch, next.value);
    fromBmp.set(next.value, ch);
  }
  const swap = (s: string, map: Map<string, string>) => Array.from(s, (ch) => map.get(ch) ?? ch).join('');
  return { encode: (s: string) => swap(s, toBmp), decode: (s: string) => swap(s, fromBmp) };
}

/** Stand-ins for astral characters: private-use characters, then (only if a text uses thousands) CJK ideographs. */
function* freeBmpCharacters(used: Set<number>) {
  for (const [from, to] of [[0xe000, 0xf8ff], [0x4e00, 0x9fff]]) {
    for (let cp = from; cp <= to; cp++) if (!used.has(cp)) yield String.fromCharCode(cp);
  }
}
