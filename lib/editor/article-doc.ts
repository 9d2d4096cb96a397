import type { JSONContent } from '@tiptap/core';
import { OffsetIndex } from '@/lib/anchoring/code-points';
import { LineIndex } from '@/lib/anchoring/line-index';

/**
 * The article as a ProseMirror document: one paragraph per line of the
 * canonical text, text copied verbatim (no trimming, no whitespace collapse).
 * A blank line becomes an empty paragraph rather than being merged away, so
 * that every newline is exactly one paragraph boundary and the offset ↔
 * position mapping below stays a constant shift per line.
 */
export function articleToDoc(text: string): JSONContent {
  return {
    type: 'doc',
    content: text.split('\n').map((line) =>
      line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] },
    ),
  };
}

/**
 * Code points of the canonical text ↔ ProseMirror positions in the document
 * `articleToDoc` builds. Paragraph i (0-based) opens at one position before
 * its content, so the content of line i starts at position
 * `lineStartUnit(i) + i + 1`: +1 for the first paragraph's opening token and
 * +1 per earlier line, whose newline (one unit) became a closing and an
 * opening token (two positions). Lookups are O(log n) after an O(n) build.
 */
export class ArticleMapping {
  readonly index: OffsetIndex;
  readonly lines: LineIndex;
  /** `doc.content.size` of the document built from the same text. */
  readonly docSize: number;

  constructor(readonly text: string) {
    this.index = new OffsetIndex(text);
    this.lines = new LineIndex(text);
    this.docSize = text.length + this.lines.count + 1;
  }

  /** Code-point offset in the text → position inside the matching paragraph. */
  textOffsetToPos(offset: number): number {
    const unit = this.index.toUnit(offset);
    return unit + this.lines.lineOfUnit(unit) + 1;
  }

  /**
   * Position → code-point offset. A position between paragraphs (or at either
   * end of the document) snaps to the start of the following line, or the end
   * of the last one. `bias` picks the side when the position falls between the
   * two halves of a surrogate pair; use 'start' for a range start and 'end'
   * for a range end so the range grows to whole code points.
   */
  posToTextOffset(pos: number, bias: 'start' | 'end' = 'start'): number {
    if (!Number.isInteger(pos) || pos < 0 || pos > this.docSize) {
      throw new RangeError(`position ${pos} outside 0..${this.docSize}`);
    }
    const line = this.lineOfPos(pos);
    const unit = Math.min(Math.max(pos - line - 1, this.lines.lineStart(line)), this.lines.lineEnd(line));
    return this.index.toCodePoint(unit, bias);
  }

  /** The last line whose opening token is at or before `pos`. */
  private lineOfPos(pos: number): number {
    const starts = this.lines.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] + mid <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
