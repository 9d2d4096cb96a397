'use client';

import { EditorContent } from '@tiptap/react';
import { useEffect, useMemo, useRef } from 'react';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { ArticleMapping } from '@/lib/editor/article-doc';
import { layoutSpans } from '@/lib/editor/span-decorations';
import { annotationIdsAt } from './highlight-dom';
import { useAnnotations } from './use-annotations';
import { TEXT_ATTRIBUTES, useReaderEditor } from './use-reader-editor';
import { useTagging } from './use-tagging';

const COMPARE_TEXT_ATTRIBUTES = { ...TEXT_ATTRIBUTES, 'aria-label': 'Compared article text', 'data-testid': 'compare-text' };

export type TextRange = { start: number; end: number };

type CompareReaderProps = {
  articleId: string;
  text: string;
  initialAnnotations: AnnotationDto[];
  canAnnotate: boolean;
  /** Who is tagging: a twin of their own span (same words and tag) is refused here as in the reader. */
  currentUserId: string;
  /** The span chosen as the link target, drawn as active. */
  pickedId: string | null;
  /** Scroll here once drawn; a span covering exactly this range is picked, otherwise the range is selected for tagging. */
  focus: TextRange | null;
  onPick: (annotation: AnnotationDto) => void;
};

/**
 * The compare view's second article: the same editor, highlights and tagging
 * toolbar as the reader, without its side list or popover. Clicking a span
 * picks it as the link target; a span tagged here is picked at once.
 */
export function CompareReader({ articleId, text, initialAnnotations, canAnnotate, currentUserId, pickedId, focus, onPick }: CompareReaderProps) {
  const mapping = useMemo(() => new ArticleMapping(text), [text]);
  const { annotations, status, busy, create } = useAnnotations(articleId, initialAnnotations, currentUserId);
  const layout = useMemo(() => layoutSpans(mapping, annotations), [mapping, annotations]);
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations]);
  const { editor, drawnCount } = useReaderEditor(text, layout.drawn, pickedId, COMPARE_TEXT_ATTRIBUTES);
  const bodyRef = useRef<HTMLDivElement>(null);
  const { toolbar } = useTagging({ editor, mapping, bodyRef, canAnnotate, busy, create, onTagged: onPick });
  const ready = drawnCount !== null;

  // Go to `focus` once, when the highlights are on screen.
  const focusedFor = useRef<TextRange | null>(null);
  useEffect(() => {
    if (!ready || !editor || editor.isDestroyed || !focus || focusedFor.current === focus) return;
    focusedFor.current = focus;
    const existing = annotations.find((a) => a.start === focus.start && a.end === focus.end);
    const from = mapping.textOffsetToPos(Math.min(focus.start, mapping.index.length));
    const to = mapping.textOffsetToPos(Math.min(focus.end, mapping.index.length));
    scrollToPos(editor.view, from);
    if (existing) onPick(existing);
    // Selected, the toolbar offers to tag the sentence: the step before linking it.
    else if (canAnnotate) editor.chain().focus(undefined, { scrollIntoView: false }).setTextSelection({ from, to }).run();
  }, [ready, editor, focus, annotations, mapping, canAnnotate, onPick]);

  const pickAt = (el: Element) => {
    if (!editor) return;
    const ids = annotationIdsAt(el, editor.view.dom);
    if (ids.length === 0) return;
    // Overlaps: the shortest (innermost) span, as in the reader.
    const best = ids.map((id) => byId.get(id)).filter((a): a is AnnotationDto => !!a).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    if (best) onPick(best);
  };

  return (
    <div
      className="compare-reader"
      data-testid="compare-reader"
      data-article-id={articleId}
      data-highlights-ready={ready ? 'true' : 'false'}
      data-highlight-count={ready ? drawnCount : undefined}
    >
      <div role="status" aria-live="polite" className="article-reader__status compare-reader__status" data-kind={status?.kind}>
        {status?.text}
      </div>
      <div ref={bodyRef} className="article-reader__body">
        {/* Clicking a highlight picks it; Enter on a highlighted word does the same for keyboard users. */}
        <div
          className="article-reader__text-host"
          onClick={(e) => {
            const sel = document.getSelection();
            if (!sel || sel.isCollapsed) pickAt(e.target as Element);
          }}
          onKeyDown={(e) => {
            const node = document.getSelection()?.focusNode;
            const el = node instanceof Element ? node : node?.parentElement;
            if (e.key === 'Enter' && el) pickAt(el);
          }}
        >
          {!editor && (
            <p className="article-reader__loading" aria-busy="true">
              Loading article…
            </p>
          )}
          <EditorContent editor={editor} />
        </div>
        {toolbar}
      </div>
    </div>
  );
}

/** Centres the paragraph holding `pos` in whatever scrolls (the compare pane, the page). */
export function scrollToPos(view: { domAtPos: (pos: number) => { node: Node } }, pos: number) {
  const { node } = view.domAtPos(pos);
  const el = node instanceof Element ? node : node.parentElement;
  (el?.closest('p') ?? el)?.scrollIntoView({ block: 'center' });
}
