'use client';

import { useEditor } from '@tiptap/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { articleToDoc } from '@/lib/editor/article-doc';
import { createReaderExtensions, readerEditorOptions } from '@/lib/editor/reader-extensions';
import { type DrawnSpan, redrawSpans } from '@/lib/editor/span-decorations';

export const TEXT_ATTRIBUTES: Record<string, string> = {
  class: 'article-reader__text',
  role: 'textbox',
  'aria-label': 'Article text',
  'aria-readonly': 'true',
  'aria-multiline': 'true',
  'data-testid': 'article-text',
  spellcheck: 'false',
  autocorrect: 'off',
  autocapitalize: 'off',
  translate: 'no',
  // Contenteditable only for the caret and keyboard selection; no on-screen keyboard.
  inputmode: 'none',
};

/**
 * The read-only Tiptap editor showing `text`, with `spans` drawn as
 * decorations. The editor is created once per text; a new span list or
 * active span only rebuilds the decoration set (one DecorationSet.create),
 * never the document. `drawnCount` is null until the highlights are on screen.
 */
export function useReaderEditor(
  text: string,
  spans: readonly DrawnSpan[],
  activeId: string | null,
  /** The text element's attributes (role, name, test id); a second reader on the page names itself apart. Keep it constant. */
  attributes: Record<string, string> = TEXT_ATTRIBUTES,
) {
  // The extension reads these refs whenever it draws; `drawnWith` records what
  // it last drew, so the first effect does not redraw what creation just drew.
  const spansRef = useRef(spans);
  const activeIdRef = useRef(activeId);
  const drawnWith = useRef<{ spans: readonly DrawnSpan[]; activeId: string | null } | null>(null);
  useLayoutEffect(() => {
    spansRef.current = spans;
    activeIdRef.current = activeId;
  });

  // One options object per text: useEditor compares options by identity and
  // would otherwise push new props into the view on every render.
  const options = useMemo(
    () => ({
      ...readerEditorOptions,
      immediatelyRender: false as const,
      shouldRerenderOnTransaction: false,
      extensions: createReaderExtensions({
        getSpans: () => {
          drawnWith.current = { spans: spansRef.current, activeId: activeIdRef.current };
          return spansRef.current;
        },
        getActiveId: () => activeIdRef.current,
      }),
      content: articleToDoc(text),
      editorProps: { attributes },
    }),
    [text, attributes],
  );
  const editor = useEditor(options, [options]);

  const [drawnCount, setDrawnCount] = useState<number | null>(null);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const last = drawnWith.current;
    if (!last || last.spans !== spans || last.activeId !== activeId) redrawSpans(editor);
    setDrawnCount(spans.length);
  }, [editor, spans, activeId]);

  return { editor, drawnCount: editor ? drawnCount : null };
}
