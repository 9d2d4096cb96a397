import type { OffsetIndex } from './code-points';
import type { LineIndex } from './line-index';
import type { TextPosition } from './types';

/**
 * DOM Range inside the reader → raw [start, end) in code points (not trimmed;
 * pass the result to describeTextRange).
 *
 * Assumes the reader's layout: each element child of `root` renders one line
 * of the canonical text, and the only text inside it is that line (highlight
 * wrappers add elements, never characters; an empty line holds just a <br>).
 * Counting characters per line with Range.toString() makes the result
 * independent of how decorations split the text nodes.
 *
 * A range reaching outside `root` is clipped to it. Returns null when the range
 * misses the root or the DOM does not have one element per line (then
 * offsets cannot be trusted).
 */
export function domRangeToTextRange(
  root: Element,
  range: Range,
  index: OffsetIndex,
  lines: LineIndex,
): TextPosition | null {
  if (root.children.length !== lines.count || !range.intersectsNode(root)) return null;
  const startInside = root.contains(range.startContainer);
  const endInside = root.contains(range.endContainer);
  const u0 = startInside ? boundaryToUnit(root, range.startContainer, range.startOffset, lines, 'start') : 0;
  const u1 = endInside ? boundaryToUnit(root, range.endContainer, range.endOffset, lines, 'end') : lines.unitLength;
  if (u0 === null || u1 === null) return null;
  const start = index.toCodePoint(Math.min(u0, u1), 'start');
  const end = index.toCodePoint(Math.max(u0, u1), 'end');
  return { start, end };
}

function boundaryToUnit(root: Element, node: Node, offset: number, lines: LineIndex, side: 'start' | 'end'): number | null {
  if (node === root) {
    if (offset <= 0) return 0;
    if (offset >= root.childNodes.length) return lines.unitLength;
    // Between two lines: a start belongs to the next line, an end to the previous one.
    const line = elementIndex(root, root.childNodes[offset]);
    if (line === null) return null;
    return side === 'start' ? lines.lineStart(line) : line > 0 ? lines.lineEnd(line - 1) : 0;
  }
  let lineEl: Node | null = node;
  while (lineEl && lineEl.parentNode !== root) lineEl = lineEl.parentNode;
  if (!lineEl) return null;
  const line = elementIndex(root, lineEl);
  if (line === null) return null;
  const before = (node.ownerDocument ?? document).createRange();
  before.setStart(lineEl, 0);
  before.setEnd(node, offset);
  const inLine = Math.min(before.toString().length, lines.lineEnd(line) - lines.lineStart(line));
  return lines.lineStart(line) + inLine;
}

function elementIndex(root: Element, child: Node): number | null {
  const i = Array.prototype.indexOf.call(root.children, child);
  return i === -1 ? null : i;
}
