// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { describeDomRange, describePmSelection } from '@/lib/anchoring/describe-selection';
import { normalizeText } from '@/lib/anchoring/normalize-text';
import { textWithRangeArb } from '@/lib/anchoring/testing/article-text-arbitrary';
import { ArticleMapping, articleToDoc } from './article-doc';
import { createReaderExtensions, readerEditorOptions } from './reader-extensions';
import { type DrawnSpan, layoutSpans, redrawSpans } from './span-decorations';

// A real Tiptap editor in jsdom: what the reader component mounts, minus React.

const editors: Editor[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
  document.body.innerHTML = '';
});

function mount(text: string, spans: { current: readonly DrawnSpan[] } = { current: [] }) {
  const element = document.createElement('div');
  document.body.appendChild(element);
  const editor = new Editor({
    ...readerEditorOptions,
    element,
    extensions: createReaderExtensions({ getSpans: () => spans.current, getActiveId: () => null }),
    content: articleToDoc(text),
  });
  editors.push(editor);
  return { editor, root: editor.view.dom, mapping: new ArticleMapping(text) };
}

const ARTICLE = normalizeText('Le 😀 ministre a nié.\r\n\r\n  Indented  line\twith tab \r\nשלום 🇫🇷 world');

describe('reader editor', () => {
  it('renders one paragraph per line with the text untouched', () => {
    const { editor, root } = mount(ARTICLE);
    const lines = ARTICLE.split('\n');
    expect(root.children).toHaveLength(lines.length);
    expect([...root.children].map((p) => p.textContent)).toEqual(lines);
    expect(root.children[1].className).toContain('is-blank');
    expect(editor.getText({ blockSeparator: '\n' })).toBe(ARTICLE);
  });

  it('stays read-only: commands and DOM edits never change the document', () => {
    const { editor, root } = mount(ARTICLE);
    const before = editor.state.doc;
    expect(editor.commands.insertContent('x')).toBe(true);
    editor.commands.deleteRange({ from: 1, to: 5 });
    editor.commands.setContent('<p>replaced</p>');
    expect(editor.state.doc).toBe(before);
    // A change the browser made to the DOM (IME, extensions) is read, refused and redrawn.
    const text = root.firstChild!.firstChild as Text;
    text.data = 'Changed by the browser';
    (editor.view as unknown as { domObserver: { flush(): void } }).domObserver.flush();
    expect(editor.state.doc).toBe(before);
    expect(root.firstChild!.textContent).toBe(ARTICLE.split('\n')[0]);
  });

  it('still lets the selection move (keyboard selection needs it)', () => {
    const { editor } = mount(ARTICLE);
    editor.commands.setTextSelection({ from: 2, to: 8 });
    expect([editor.state.selection.from, editor.state.selection.to]).toEqual([2, 8]);
  });

  it('draws spans as nested decorations carrying id, label and status, and leaves the text alone', () => {
    const mapping = new ArticleMapping(ARTICLE);
    const find = (exact: string) => [...ARTICLE].join('').indexOf(exact);
    const cp = (exact: string) => {
      const unit = find(exact);
      return { start: mapping.index.toCodePoint(unit), end: mapping.index.toCodePoint(unit + exact.length) };
    };
    const annotations = [
      { id: 'outer', label: 'assertion', status: 'pending', ...cp('ministre a nié.\n\n  Indented'), exact: 'ministre a nié.\n\n  Indented' },
      { id: 'inner', label: 'denial', status: 'approved', ...cp('a nié'), exact: 'a nié' },
      { id: 'stale', label: 'evidence', status: 'pending', ...cp('world'), exact: 'World' },
    ] as const;
    const spans = { current: layoutSpans(mapping, annotations).drawn };
    const { editor, root } = mount(ARTICLE, spans);

    const outer = [...root.querySelectorAll('[data-annotation-id="outer"]')];
    expect(outer.map((el) => el.textContent).join('')).toBe('ministre a nié.  Indented');
    expect(outer[0].getAttribute('data-label')).toBe('assertion');
    expect(outer[0].className).toContain('span-hl--pending');
    const inner = root.querySelector('[data-annotation-id="inner"]')!;
    expect(inner.textContent).toBe('a nié');
    expect(inner.getAttribute('data-status')).toBe('approved');
    expect(inner.parentElement!.closest('[data-annotation-id="outer"]')).not.toBeNull();
    expect(root.querySelector('[data-annotation-id="stale"]')).toBeNull();
    expect(editor.getText({ blockSeparator: '\n' })).toBe(ARTICLE);

    spans.current = spans.current.filter((s) => s.id !== 'inner');
    redrawSpans(editor);
    expect(root.querySelector('[data-annotation-id="inner"]')).toBeNull();
    expect(root.querySelectorAll('[data-annotation-id="outer"]').length).toBeGreaterThan(0);
  });

  it('maps a DOM selection to the same offsets as the ProseMirror selection, for random ranges', () => {
    fc.assert(
      fc.property(textWithRangeArb(40), ({ text, start, end }) => {
        const { editor, root, mapping } = mount(text);
        const from = mapping.textOffsetToPos(start);
        const to = mapping.textOffsetToPos(end);
        const a = editor.view.domAtPos(from);
        const b = editor.view.domAtPos(to);
        const range = document.createRange();
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
        const viaDom = describeDomRange(root, range, mapping);
        const viaPm = describePmSelection(mapping, from, to);
        expect(viaDom).toEqual(start === end ? null : viaPm);
        if (viaDom) {
          expect(mapping.index.slice(viaDom.start, viaDom.end)).toBe(viaDom.exact);
          // ProseMirror agrees on where the DOM points are.
          expect(editor.view.posAtDOM(a.node, a.offset)).toBe(from);
        }
        editors.pop()!.destroy();
        document.body.innerHTML = '';
      }),
      { numRuns: 150 },
    );
  });
});
