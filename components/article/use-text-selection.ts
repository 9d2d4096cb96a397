'use client';

import type { Editor } from '@tiptap/core';
import { type RefObject, useCallback, useEffect, useState } from 'react';
import { describeDomRange } from '@/lib/anchoring/describe-selection';
import type { TextSelectorSet } from '@/lib/anchoring/types';
import type { ArticleMapping } from '@/lib/editor/article-doc';
import { anchorBelow, lastRectOf, type OverlayAnchor } from './overlay-position';

export type CapturedSelection = TextSelectorSet & { anchor: OverlayAnchor };

/** The document's selection right now, if it is a non-empty range in the article text. */
export function readSelection(editor: Editor, mapping: ArticleMapping, container: HTMLElement | null): CapturedSelection | null {
  if (editor.isDestroyed) return null;
  const sel = document.getSelection();
  const root = editor.view.dom;
  const range = sel && sel.rangeCount > 0 && !sel.isCollapsed ? sel.getRangeAt(0) : null;
  const described = range && range.intersectsNode(root) ? describeDomRange(root, range, mapping) : null;
  return range && described ? { ...described, anchor: anchorBelow(lastRectOf(range), container) } : null;
}

/**
 * Follows the document's selection and captures it while it lies in the
 * article text. Reads the DOM selection rather than the editor's state
 * because ProseMirror ignores selection changes while it is not focused
 * (a programmatic selection, or one made by a test), and both mouse and
 * Shift+arrow selections show up here alike.
 *
 * `captured` is updated once per frame, which is right for drawing the
 * toolbar, and at once when a drag ends (mouseup); acting on a selection must use `readNow()` (falling back to
 * `captured`), because a key pressed right after Shift+arrow arrives before
 * the next frame. While focus is inside `keepWhileFocused` (the toolbar's
 * Speaker and Note fields) the captured selection is kept although the
 * document selection has moved into the field.
 */
export function useTextSelection(
  editor: Editor | null,
  mapping: ArticleMapping,
  container: RefObject<HTMLElement | null>,
  keepWhileFocused: RefObject<HTMLElement | null>,
  enabled: boolean,
) {
  const [captured, setCaptured] = useState<CapturedSelection | null>(null);

  useEffect(() => {
    if (!editor || !enabled) return;
    let frame = 0;
    const raf = window.requestAnimationFrame ?? ((cb: FrameRequestCallback) => window.setTimeout(() => cb(0), 16));
    const caf = window.cancelAnimationFrame ?? window.clearTimeout;

    const read = () => {
      frame = 0;
      const keep = keepWhileFocused.current;
      if (keep && document.activeElement && keep.contains(document.activeElement)) return;
      const next = readSelection(editor, mapping, container.current);
      setCaptured((prev) => (next && prev && prev.start === next.start && prev.end === next.end ? prev : next));
    };
    // Selection events fire per pixel of a drag; one read per frame is plenty for drawing.
    const schedule = () => {
      if (!frame) frame = raf(read);
    };
    // The end of a drag is read at once: the last frame's read may not have run when the next
    // click lands in the toolbar's Speaker field, and from then on reads are held (keepWhileFocused),
    // which kept a selection from the middle of the drag, a character or a line off.
    const settle = () => {
      if (frame) caf(frame);
      read();
    };
    document.addEventListener('selectionchange', schedule);
    document.addEventListener('mouseup', settle);
    return () => {
      document.removeEventListener('selectionchange', schedule);
      document.removeEventListener('mouseup', settle);
      if (frame) caf(frame);
    };
  }, [editor, mapping, container, keepWhileFocused, enabled]);

  const readNow = useCallback(
    () => (editor && enabled ? readSelection(editor, mapping, container.current) : null),
    [editor, mapping, container, enabled],
  );
  const clear = useCallback(() => setCaptured(null), []);
  return { captured: enabled ? captured : null, readNow, clear };
}
