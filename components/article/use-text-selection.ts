'use client';

import type { Editor } from '@tiptap/core';
import { type RefObject, useCallback, useEffect, useState } from 'react';
import { describeDomRange } from '@/lib/anchoring/describe-selection';
import type { TextSelectorSet } from '@/lib/anchoring/types';
import type { ArticleMapping } from '@/lib/editor/article-doc';
import { anchorBelow, lastRectOf, type OverlayAnchor } from './overlay-position';

export type CapturedSelection = TextSelectorSet & { anchor: OverlayAnchor };

/**
 * Follows the document's selection and captures it while it lies in the
 * article text. Reads the DOM selection rather than the editor's state
 * because ProseMirror ignores selection changes while it is not focused
 * (a programmatic selection, or one made by a test), and both mouse and
 * Shift+arrow selections show up here alike.
 *
 * While focus is inside `keepWhileFocused` (the toolbar's Speaker and Note
 * fields), the captured selection is kept even though the document selection
 * has moved into the field.
 */
export function useTextSelection(
  editor: Editor | null,
  mapping: ArticleMapping,
  container: RefObject<HTMLElement | null>,
  keepWhileFocused: RefObject<HTMLElement | null>,
  enabled: boolean,
): [CapturedSelection | null, () => void] {
  const [captured, setCaptured] = useState<CapturedSelection | null>(null);

  useEffect(() => {
    if (!editor || !enabled) return;
    let frame = 0;
    const raf = window.requestAnimationFrame ?? ((cb: FrameRequestCallback) => window.setTimeout(() => cb(0), 16));
    const caf = window.cancelAnimationFrame ?? window.clearTimeout;

    const read = () => {
      frame = 0;
      if (editor.isDestroyed) return;
      const keep = keepWhileFocused.current;
      if (keep && document.activeElement && keep.contains(document.activeElement)) return;
      const sel = document.getSelection();
      const root = editor.view.dom;
      const range = sel && sel.rangeCount > 0 && !sel.isCollapsed ? sel.getRangeAt(0) : null;
      const described = range && range.intersectsNode(root) ? describeDomRange(root, range, mapping) : null;
      if (!range || !described) {
        setCaptured(null);
        return;
      }
      setCaptured((prev) =>
        prev && prev.start === described.start && prev.end === described.end
          ? prev
          : { ...described, anchor: anchorBelow(lastRectOf(range), container.current) },
      );
    };
    // Selection events fire per pixel of a drag; one read per frame is plenty.
    const schedule = () => {
      if (!frame) frame = raf(read);
    };
    document.addEventListener('selectionchange', schedule);
    return () => {
      document.removeEventListener('selectionchange', schedule);
      if (frame) caf(frame);
    };
  }, [editor, mapping, container, keepWhileFocused, enabled]);

  const clear = useCallback(() => setCaptured(null), []);
  return [enabled ? captured : null, clear];
}
