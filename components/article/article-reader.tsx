'use client';

import './article-reader.css';
import { EditorContent } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationDto, ArticleReaderProps, Label, UpdateAnnotationBody } from '@/lib/annotations/dto';
import { LABEL_OPTIONS } from '@/lib/annotations/labels';
import { compareTextOrder } from '@/lib/annotations/text-order';
import { ArticleMapping } from '@/lib/editor/article-doc';
import { layoutSpans } from '@/lib/editor/span-decorations';
import { annotationIdsAt, closestHighlight, findHighlight, isTypingTarget } from './highlight-dom';
import { anchorBelow, type OverlayAnchor } from './overlay-position';
import { SpanLegend } from './span-legend';
import { SpanList } from './span-list';
import { SpanPopover } from './span-popover';
import { SpanToolbar } from './span-toolbar';
import { useAnnotations } from './use-annotations';
import { useReaderEditor } from './use-reader-editor';
import { type CapturedSelection, useTextSelection } from './use-text-selection';

export type { ArticleReaderProps } from '@/lib/annotations/dto';

/** `returnFocus` is set when focus moved into the popover and must come back on close. */
type OpenSpan = { id: string; overlapIds: string[]; anchor: OverlayAnchor; returnFocus: HTMLElement | null };

export function ArticleReader({ articleId, text, initialAnnotations, canAnnotate, currentUserId }: ArticleReaderProps) {
  const mapping = useMemo(() => new ArticleMapping(text), [text]);
  const { annotations, status, busy, create, save, remove } = useAnnotations(articleId, initialAnnotations);
  const layout = useMemo(() => layoutSpans(mapping, annotations), [mapping, annotations]);
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations]);
  const ordered = useMemo(() => [...annotations].sort(compareTextOrder), [annotations]);

  const [openSpan, setOpenSpan] = useState<OpenSpan | null>(null);
  const activeId = openSpan && byId.has(openSpan.id) ? openSpan.id : null;

  const { editor, drawnCount } = useReaderEditor(text, layout.drawn, activeId);

  const bodyRef = useRef<HTMLDivElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const { captured, readNow, clear: clearCaptured } = useTextSelection(editor, mapping, bodyRef, toolbarRef, canAnnotate);
  const [speaker, setSpeaker] = useState('');
  const [note, setNote] = useState('');

  // A new selection replaces whatever span was open, so only one Note field is ever on screen.
  useEffect(() => {
    if (captured) setOpenSpan(null);
  }, [captured]);

  const collapseSelection = useCallback(
    (atOffset?: number) => {
      const focusWasInToolbar = !!toolbarRef.current?.contains(document.activeElement);
      if (editor && !editor.isDestroyed) {
        // Collapse the editor's own selection too, or it would restore the old range on its next redraw.
        const pos = atOffset === undefined ? editor.state.selection.to : mapping.textOffsetToPos(atOffset);
        editor.commands.setTextSelection(pos);
        if (focusWasInToolbar) editor.view.dom.focus({ preventScroll: true });
      }
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed) sel.collapseToEnd();
      clearCaptured();
    },
    [editor, mapping, clearCaptured],
  );

  const tagSelection = useCallback(
    async (label: Label, selection: CapturedSelection) => {
      if (busy) return;
      const ok = await create({
        start: selection.start,
        end: selection.end,
        exact: selection.exact,
        label,
        ...(speaker.trim() && { speaker: speaker.trim() }),
        ...(note.trim() && { note: note.trim() }),
      });
      if (!ok) return;
      setSpeaker('');
      setNote('');
      collapseSelection(selection.end);
    },
    [busy, create, speaker, note, collapseSelection],
  );

  // Shortcuts: 1/2/3 tag the selection, Escape drops it. Always listening (not
  // only once the toolbar is drawn) and reading the selection at the key press,
  // so a key pressed right after Shift+arrow tags everything selected.
  useEffect(() => {
    if (!canAnnotate || !editor) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target, editor.view.dom)) return;
      const option = LABEL_OPTIONS.find((o) => o.key === e.key);
      if (e.key !== 'Escape' && !option) return;
      const selection = readNow() ?? captured;
      if (!selection) return;
      e.preventDefault();
      if (option) void tagSelection(option.value, selection);
      else collapseSelection();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [canAnnotate, editor, captured, readNow, collapseSelection, tagSelection]);

  const openAt = useCallback(
    (id: string, highlight: Element | null, returnFocus: HTMLElement | null) => {
      const root = editor?.view.dom;
      // A leftover text selection would keep the toolbar (and a second Note field) on screen.
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed) sel.removeAllRanges();
      clearCaptured();
      const overlapIds = highlight && root ? annotationIdsAt(highlight, root) : [];
      if (!overlapIds.includes(id)) overlapIds.unshift(id);
      setOpenSpan({ id, overlapIds, anchor: anchorBelow(highlight?.getBoundingClientRect() ?? null, bodyRef.current), returnFocus });
    },
    [editor, clearCaptured],
  );

  const onOpenFromList = useCallback(
    (id: string, opener: HTMLElement) => {
      const highlight = editor ? findHighlight(editor.view.dom, id) : null;
      highlight?.scrollIntoView({ block: 'center' });
      openAt(id, highlight, opener);
    },
    [editor, openAt],
  );

  const onTextClick = (e: React.MouseEvent) => {
    const sel = document.getSelection();
    if (!editor || (sel && !sel.isCollapsed)) return; // the end of a drag-select, not a click
    const ids = annotationIdsAt(e.target as Element, editor.view.dom);
    if (ids.length === 0) {
      setOpenSpan(null); // a click on plain text dismisses the open span
      return;
    }
    // Overlaps: open the shortest (innermost) span; the popover offers the others.
    const id = ids.reduce((best, cur) => (length(byId.get(cur)) < length(byId.get(best)) ? cur : best));
    // Focus stays in the text, so a click that only meant to place the caret loses nothing.
    openAt(id, closestHighlight(e.target as Element, id, editor.view.dom), null);
  };

  // Enter on a highlighted word opens it, for keyboard users reading with the caret.
  const onTextKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter' || captured || !editor) return;
    const node = document.getSelection()?.focusNode;
    const el = node instanceof Element ? node : node?.parentElement;
    const ids = el ? annotationIdsAt(el, editor.view.dom) : [];
    if (el && ids.length > 0) openAt(ids[0], closestHighlight(el, ids[0], editor.view.dom), editor.view.dom);
  };

  const closeSpan = useCallback(() => {
    const back = openSpan?.returnFocus;
    setOpenSpan(null);
    if (back?.isConnected) back.focus({ preventScroll: true });
  }, [openSpan]);

  // Escape closes the popover even when focus stayed in the text.
  useEffect(() => {
    if (!openSpan) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      closeSpan();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openSpan, closeSpan]);

  const open = activeId ? byId.get(activeId) : undefined;
  const onSave = async (changes: Omit<UpdateAnnotationBody, 'version'>) => {
    if (open && (await save(open, changes)) === 'saved') closeSpan();
  };
  const onDelete = async () => {
    if (open && (await remove(open))) closeSpan();
  };

  const ready = drawnCount !== null;
  return (
    <div
      className="article-reader"
      data-testid="article-reader"
      data-highlights-ready={ready ? 'true' : 'false'}
      data-highlight-count={ready ? drawnCount : undefined}
    >
      <div className="article-reader__main">
        <SpanLegend showKeys={canAnnotate} />
        <div role="status" aria-live="polite" data-testid="reader-status" className="article-reader__status" data-kind={status?.kind}>
          {status?.text}
        </div>
        <div ref={bodyRef} className="article-reader__body">
          {/* Clicks and Enter on highlights are shortcuts; the span list gives keyboard access to every span. */}
          <div className="article-reader__text-host" onClick={onTextClick} onKeyDown={onTextKeyDown}>
            {!editor && (
              <p className="article-reader__loading" aria-busy="true">
                Loading article…
              </p>
            )}
            <EditorContent editor={editor} />
          </div>
          {captured && canAnnotate && (
            <SpanToolbar
              ref={toolbarRef}
              anchor={captured.anchor}
              busy={busy}
              speaker={speaker}
              note={note}
              onSpeakerChange={setSpeaker}
              onNoteChange={setNote}
              onTag={(label) => void tagSelection(label, readNow() ?? captured)}
              onClose={() => collapseSelection()}
            />
          )}
          {open && openSpan && (
            <SpanPopover
              key={`${open.id}:${open.version}`}
              annotation={open}
              overlapping={openSpan.overlapIds.map((id) => byId.get(id)).filter((a): a is AnnotationDto => !!a)}
              anchor={openSpan.anchor}
              isOrphan={layout.orphanIds.has(open.id)}
              autoFocus={openSpan.returnFocus !== null}
              canAnnotate={canAnnotate}
              currentUserId={currentUserId}
              busy={busy}
              onSave={(changes) => void onSave(changes)}
              onDelete={() => void onDelete()}
              onSwitch={(id) => setOpenSpan({ ...openSpan, id })}
              onClose={closeSpan}
            />
          )}
        </div>
      </div>
      <SpanList
        annotations={ordered}
        orphanIds={layout.orphanIds}
        activeId={activeId}
        currentUserId={currentUserId}
        onOpen={onOpenFromList}
      />
    </div>
  );
}

function length(a: AnnotationDto | undefined): number {
  return a ? a.end - a.start : Number.POSITIVE_INFINITY;
}
