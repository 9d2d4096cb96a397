/**
 * Where each line of the canonical text starts, in UTF-16 units. The reader
 * draws one paragraph per line, so this is also the paragraph table that
 * ProseMirror positions and DOM ranges are translated through.
 */
export class LineIndex {
  /** UTF-16 offset where each line starts; `starts[0]` is always 0. */
  readonly starts: number[] = [0];
  readonly unitLength: number;

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    this.unitLength = text.length;
  }

  get count(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[line];
  }

  /** UTF-16 offset of the line's end, i.e. of its newline (or of the text end). */
  lineEnd(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.unitLength;
  }

  /**
   * The line holding UTF-16 offset `unit`. An offset sitting on a newline
   * belongs to the line that newline ends, so a line's end offset maps into it.
   */
  lineOfUnit(unit: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= unit) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
