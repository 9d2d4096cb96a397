/**
 * Conversions between UTF-16 code units (what JavaScript strings, DOM ranges and
 * ProseMirror count) and Unicode code points (what we store and what W3C
 * TextPositionSelector requires). Pure, no DOM.
 */

export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Maps between the two units in O(log n) after an O(n) build. Built once per
 * article text and shared by capture, drawing and validation.
 */
export class OffsetIndex {
  /** utf16 offset of each astral (surrogate-pair) code point, in code-point order */
  private readonly astralCp: number[] = [];
  private readonly astralUnit: number[] = [];
  readonly unitLength: number;
  readonly length: number;

  constructor(readonly text: string) {
    let cp = 0;
    for (let i = 0; i < text.length; i++, cp++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astralCp.push(cp);
          this.astralUnit.push(i);
          i++;
        }
      }
    }
    this.unitLength = text.length;
    this.length = cp;
  }

  /** Number of astral code points strictly before code point `cp`. */
  private astralBeforeCp(cp: number): number {
    let lo = 0;
    let hi = this.astralCp.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astralCp[mid] < cp) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Number of astral code points that end at or before UTF-16 offset `unit`. */
  private astralBeforeUnit(unit: number): number {
    let lo = 0;
    let hi = this.astralUnit.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astralUnit[mid] + 2 <= unit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  toUnit(cp: number): number {
    if (cp < 0 || cp > this.length) throw new RangeError(`code point offset ${cp} outside 0..${this.length}`);
    return cp + this.astralBeforeCp(cp);
  }

  /**
   * UTF-16 offset → code point offset. An offset that falls between the two
   * halves of a surrogate pair is moved to the start of that code point
   * (`bias: 'start'`) or past it (`bias: 'end'`), so a range never splits one.
   */
  toCodePoint(unit: number, bias: 'start' | 'end' = 'start'): number {
    if (unit < 0 || unit > this.unitLength) throw new RangeError(`UTF-16 offset ${unit} outside 0..${this.unitLength}`);
    const before = this.astralBeforeUnit(unit);
    const insidePair = before < this.astralUnit.length && this.astralUnit[before] + 1 === unit;
    const cp = unit - before;
    return insidePair ? (bias === 'end' ? cp : cp - 1) : cp;
  }

  /** Text between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUnit(start), this.toUnit(end));
  }
}

export const QUOTE_CONTEXT = 32;

/** "…" where a stored prefix or suffix was cut at QUOTE_CONTEXT code points; nothing where it reaches the start or end of the text. */
export const contextEllipsis = (context: string) => ([...context].length >= QUOTE_CONTEXT ? '…' : '');

/**
 * The TextQuoteSelector for [start, end): the exact text and up to 32 code
 * points either side, which re-anchoring uses to tell repeated phrases apart.
 */
export function quoteSelector(index: OffsetIndex, start: number, end: number) {
  return {
    exact: index.slice(start, end),
    prefix: index.slice(Math.max(0, start - QUOTE_CONTEXT), start),
    suffix: index.slice(end, Math.min(index.length, end + QUOTE_CONTEXT)),
  };
}
