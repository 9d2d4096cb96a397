// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { OffsetIndex } from './code-points';
import { describeDomRange } from './describe-selection';
import { domRangeToTextRange } from './dom-range-to-text-range';
import { LineIndex } from './line-index';

// The markup ProseMirror produces for the reader: one <p> per line, highlight
// wrappers nested inside, a trailing <br> in an empty paragraph.
const TEXT = 'Le 😀 ministre a nié.\n\nשלום 🇫🇷 world';
const HTML =
  '<p>Le 😀 <span data-annotation-id="a">minis<span data-annotation-id="b">tre</span></span> a nié.</p>' +
  '<p class="is-blank"><br class="ProseMirror-trailingBreak"></p>' +
  '<p>שלום 🇫🇷 world</p>';

let root: HTMLElement;
const index = new OffsetIndex(TEXT);
const lines = new LineIndex(TEXT);
const mapping = { index, lines, posToTextOffset: () => 0 };

function range(startNode: Node, startOffset: number, endNode: Node, endOffset: number): Range {
  const r = document.createRange();
  r.setStart(startNode, startOffset);
  r.setEnd(endNode, endOffset);
  return r;
}

beforeEach(() => {
  document.body.innerHTML = `<main><div id="root">${HTML}</div><aside id="side">Spans</aside></main>`;
  root = document.getElementById('root')!;
});

describe('domRangeToTextRange', () => {
  it('counts code points across highlight wrappers', () => {
    const inner = root.querySelector('[data-annotation-id="b"]')!.firstChild!; // "tre"
    const first = root.firstChild!.firstChild!; // "Le 😀 "
    const r = domRangeToTextRange(root, range(first, 3, inner, 3), index, lines)!;
    expect(index.slice(r.start, r.end)).toBe('😀 ministre');
    expect(r).toEqual({ start: 3, end: 13 });
  });

  it('includes the newlines of a selection spanning paragraphs', () => {
    const firstText = root.firstChild!.lastChild!; // " a nié."
    const lastText = root.lastChild!.firstChild!;
    const r = domRangeToTextRange(root, range(firstText, 3, lastText, 4), index, lines)!;
    expect(index.slice(r.start, r.end)).toBe('nié.\n\nשלום');
  });

  it('handles boundaries on the root and on an empty paragraph', () => {
    const blank = root.children[1];
    expect(domRangeToTextRange(root, range(root, 0, root, 3), index, lines)).toEqual({ start: 0, end: index.length });
    const r = domRangeToTextRange(root, range(blank, 0, root, 3), index, lines)!;
    expect(index.slice(r.start, r.end)).toBe('\nשלום 🇫🇷 world');
    const between = domRangeToTextRange(root, range(root, 1, root, 2), index, lines)!;
    expect(index.slice(between.start, between.end)).toBe('');
  });

  it('clips a range that runs out of the root into the side panel', () => {
    const lastText = root.lastChild!.firstChild!;
    const side = document.getElementById('side')!.firstChild!;
    const r = domRangeToTextRange(root, range(lastText, 5, side, 3), index, lines)!;
    expect(index.slice(r.start, r.end)).toBe('🇫🇷 world');
  });

  it('refuses a range outside the root, or a root whose lines do not match the text', () => {
    const side = document.getElementById('side')!.firstChild!;
    expect(domRangeToTextRange(root, range(side, 0, side, 3), index, lines)).toBeNull();
    root.appendChild(document.createElement('p'));
    expect(domRangeToTextRange(root, range(root, 0, root, 1), index, lines)).toBeNull();
  });
});

describe('describeDomRange', () => {
  it('trims the trailing space of a drag selection and quotes the text', () => {
    const first = root.firstChild!.firstChild!;
    const outer = root.querySelector('[data-annotation-id="a"]')!.firstChild!; // "minis"
    const sel = describeDomRange(root, range(first, 2, outer, 0), mapping)!;
    expect(sel).toEqual({ start: 3, end: 4, exact: '😀', prefix: 'Le ', suffix: ' ministre a nié.\n\nשלום 🇫🇷 world' });
  });

  it('returns null for a collapsed or whitespace-only range', () => {
    const first = root.firstChild!.firstChild!;
    expect(describeDomRange(root, range(first, 1, first, 1), mapping)).toBeNull();
    expect(describeDomRange(root, range(first, 2, first, 3), mapping)).toBeNull();
  });
});
