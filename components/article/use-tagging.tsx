'use client';

import type { Editor } from '@tiptap/core';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { AnnotationDto, CreateAnnotationBody, Label } from '@/lib/annotations/dto';
import { LABEL_OPTIONS } from '@/lib/annotations/labels';
import type { ArticleMapping } from '@/lib/editor/article-doc';
import { isTypingTarget } from './highlight-dom';
import { claimKey, keyClaimed } from './key-claims';
import { SpanToolbar } from './span-toolbar';
import { type CapturedSelection, readSelection, useTextSelection } from './use-text-selection';

type TaggingOptions = {
  editor: Editor | null;
  mapping: ArticleMapping;
  /** The positioned box the toolbar is drawn in. */
  bodyRef: RefObject<HTMLDivElement | null>;
  canAnnotate: boolean;
  busy: boolean;
  create: (body: CreateAnnotationBody) => Promise<AnnotationDto | null>;
  /** Called with each span made here (the compare view picks it as the link target). */
  onTagged?: (annotation: AnnotationDto) => void;
  /** Called when someone who may not tag presses 1/2/3 on a selection, so the reader can say why nothing happens. */
  onRefused?: () => void;
};

/**
 * Tagging a text selection, shared by the reader and the compare view's
 * second reader: the floating toolbar, its Speaker/Note fields, and the 1/2/3
 * and Escape keys. The keys are always listened for (not only once the
 * toolbar is drawn) and read the selection at the key press, so a key pressed
 * right after Shift+arrow tags everything selected. Each reader reads only
 * its own editor's selection, so two readers on a page never both act.
 */
export function useTagging({ editor, mapping, bodyRef, canAnnotate, busy, create, onTagged, onRefused }: TaggingOptions) {
  const toolbarRef = useRef<HTMLDivElement>(null);
  const { captured, readNow, clear: clearCaptured } = useTextSelection(editor, mapping, bodyRef, toolbarRef, canAnnotate);
  const [speaker, setSpeaker] = useState('');
  const [note, setNote] = useState('');

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
      const made = await create({
        start: selection.start,
        end: selection.end,
        exact: selection.exact,
        label,
        ...(speaker.trim() && { speaker: speaker.trim() }),
        ...(note.trim() && { note: note.trim() }),
      });
      if (!made) return;
      setSpeaker('');
      setNote('');
      collapseSelection(selection.end);
      onTagged?.(made);
    },
    [busy, create, speaker, note, collapseSelection, onTagged],
  );

  useEffect(() => {
    if (!canAnnotate || !editor) return;
    const onKey = (e: KeyboardEvent) => {
      if (keyClaimed(e) || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target, editor.view.dom)) return;
      const option = LABEL_OPTIONS.find((o) => o.key === e.key);
      if (e.key !== 'Escape' && !option) return;
      const selection = readNow() ?? captured;
      if (!selection) return;
      claimKey(e);
      if (option) void tagSelection(option.value, selection);
      else collapseSelection();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [canAnnotate, editor, captured, readNow, collapseSelection, tagSelection]);

  useEffect(() => {
    if (canAnnotate || !editor || !onRefused) return;
    const onKey = (e: KeyboardEvent) => {
      if (keyClaimed(e) || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target, editor.view.dom)) return;
      if (!LABEL_OPTIONS.some((o) => o.key === e.key) || !readSelection(editor, mapping, bodyRef.current)) return;
      claimKey(e);
      onRefused();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [canAnnotate, editor, mapping, bodyRef, onRefused]);

  const toolbar =
    captured && canAnnotate ? (
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
    ) : null;

  return { captured, clearCaptured, toolbar };
}
