import DiffMatchPatch from 'diff-match-patch';
import { graphemeClusters } from '@/lib/anchoring/grapheme-clusters';

/** -1 deleted (only in the older text), 0 in both, 1 inserted (only in the newer text). */
export type DiffOp = -1 | 0 | 1;
export type TextDiff = [DiffOp, string][];

/** Past this, diff_main returns a coarser (still correct) diff rather than keep a request waiting. */
const DIFF_TIMEOUT_SECONDS = 1;

/**
 * A word-level readable diff of two revisions of an article. Each text is cut
 * into words, runs of spaces and single other characters (whole grapheme
 * clusters), each distinct piece stands in as one character, and
 * diff-match-patch diffs those strings (the "line or word diff" its authors
 * describe), then diff_cleanupSemantic groups the changes into phrases. A
 * reworded sentence then reads "blamed → accused", not "blam|accus|ed" letter
 * by letter, and no change starts or ends inside what a reader sees as one
 * character: 🇦🇱 → 🇦🇺 is the whole flag replaced, not "🇦" kept and "🇱" swapped
 * for "🇺" (shown as "🇦🇱🇺"), and likewise a skin tone, a ZWJ sequence or an accent.
 */
export function diffTexts(older: string, newer: string): TextDiff {
  const codec = pieceCodec();
  const a = codec.encode(older);
  const b = codec.encode(newer);
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = DIFF_TIMEOUT_SECONDS;
  const diffs = a !== null && b !== null ? dmp.diff_main(a, b, false) : null;
  if (!diffs) return [[-1, older], [1, newer]].filter(([, t]) => t !== '') as TextDiff; // more distinct words than stand-ins
  dmp.diff_cleanupSemantic(diffs);
  // The library's Diff objects are not arrays (JSON would make {"0":…,"1":…}).
  return diffs.map((d) => [d[0] as DiffOp, codec.decode(d[1])]);
}

const WORD = /^[\p{L}\p{M}\p{N}]/u;
const SPACE = /^\s+$/u;

/**
 * Words (graphemes that begin with a letter, mark or digit), runs of
 * whitespace, and any other single grapheme. Built from graphemes rather than
 * code points, so a piece always ends where a reader's character ends.
 */
function* piecesOf(text: string): Generator<string> {
  let run = '';
  let runKind: 'word' | 'space' | null = null;
  for (const segment of graphemeClusters(text)) {
    const kind = SPACE.test(segment) ? 'space' : WORD.test(segment) ? 'word' : null;
    if (kind !== null && kind === runKind) {
      run += segment;
      continue;
    }
    if (run) yield run;
    run = segment;
    runKind = kind;
  }
  if (run) yield run;
}

/** Every distinct piece as one BMP character (surrogates skipped), both ways. */
function pieceCodec() {
  const toChar = new Map<string, string>();
  const pieces: string[] = [];
  const charFor = (piece: string): string | null => {
    let ch = toChar.get(piece);
    if (ch === undefined) {
      let code = 0x100 + pieces.length;
      if (code >= 0xd800) code += 0x800; // past the surrogate range
      if (code > 0xffff) return null;
      ch = String.fromCharCode(code);
      toChar.set(piece, ch);
      pieces.push(piece);
    }
    return ch;
  };
  return {
    encode(text: string): string | null {
      let out = '';
      for (const piece of piecesOf(text)) {
        const ch = charFor(piece);
        if (ch === null) return null;
        out += ch;
      }
      return out;
    },
    decode(chars: string): string {
      let out = '';
      for (let i = 0; i < chars.length; i++) {
        let code = chars.charCodeAt(i);
        if (code >= 0xe000) code -= 0x800;
        out += pieces[code - 0x100];
      }
      return out;
    },
  };
}
