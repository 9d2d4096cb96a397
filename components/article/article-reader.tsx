'use client';

import './article-reader.css';
import './cross-source.css';
import { EditorContent } from '@tiptap/react';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationDto, ArticleReaderProps, UpdateAnnotationBody } from '@/lib/annotations/dto';
import { can } from '@/lib/auth/can';
import { compareTextOrder } from '@/lib/annotations/text-order';
import type { ReaderTarget } from '@/lib/cross-source/location-hash';
import type { LoadSpanContext, SpanContext } from '@/lib/cross-source/types';
import { ArticleMapping } from '@/lib/editor/article-doc';
import { layoutSpans } from '@/lib/editor/span-decorations';
import type { LinkDto } from '@/lib/links/dto';
import { scrollToPos, type TextRange } from './compare-reader';
import { CompareView } from './compare-view';
import { annotationIdsAt, closestHighlight, findHighlight, isTypingTarget } from './highlight-dom';
import { claimKey, keyClaimed } from './key-claims';
import { plural } from './link-kinds';
import { anchorBelow, type OverlayAnchor } from './overlay-position';
import { PlaceOrphanBar } from './place-orphan-bar';
import { SpanClaim } from './span-claim';
import { SpanLegend } from './span-legend';
import { SpanLinks } from './span-links';
import { SpanList } from './span-list';
import { SpanPopover } from './span-popover';
import { SuggestionsPanel } from './suggestions-panel';
import { useAnnotations } from './use-annotations';
import { useLiveUpdates } from './use-live-updates';
import { useLocationHash } from './use-location-hash';
import { useProjectClaims } from './use-project-claims';
import { useReaderEditor } from './use-reader-editor';
import { useSpanContext } from './use-span-context';
import { useTagging } from './use-tagging';

export type { ArticleReaderProps } from '@/lib/annotations/dto';

/** Links, claims and suggested matches need the project; without it the reader only tags spans. */
type CrossSourceProps = {
  projectId?: string;
  /** Link counts and claims of this article's spans, read with the page. */
  spanContext?: SpanContext;
  /** Reads another article's span context (the compare view needs its claims). */
  loadSpanContext?: LoadSpanContext;
};

/** `returnFocus` is set when focus moved into the popover and must come back on close. */
type OpenSpan = { id: string; overlapIds: string[]; anchor: OverlayAnchor; returnFocus: HTMLElement | null };

/** What the column beside the text shows: the span list, or a panel working on one span. */
type SidePanel =
  | { kind: 'spans' }
  | { kind: 'suggestions'; sourceId: string }
  | { kind: 'compare'; sourceId: string; articleId: string | null; focus: TextRange | null };

const SPANS: SidePanel = { kind: 'spans' };

export function ArticleReader(props: ArticleReaderProps & CrossSourceProps) {
  const { articleId, text, initialAnnotations, roles, currentUserId, projectId, spanContext, loadSpanContext } = props;
  const canAnnotate = can.annotate(roles);
  const router = useRouter();
  const mapping = useMemo(() => new ArticleMapping(text), [text]);
  const { annotations, status, setStatus, busy, create, save, review, remove, refresh, undo, undoName, undoDepth } = useAnnotations(articleId, initialAnnotations, currentUserId);
  const layout = useMemo(() => layoutSpans(mapping, annotations), [mapping, annotations]);
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations]);
  const ordered = useMemo(() => [...annotations].sort(compareTextOrder), [annotations]);
  const context = useSpanContext(spanContext);
  // Someone else changed spans, links or claims of this article: reload them.
  useLiveUpdates(articleId, props.textHash, () => {
    void refresh();
    if (loadSpanContext) void loadSpanContext(articleId).then((next) => next && context.replace(next));
  }, () => setStatus({ text: 'A new revision of this article was imported. Reload the page to read it.', kind: 'info' }), () => router.refresh());
  const projectClaims = useProjectClaims(projectId);

  const [openSpan, setOpenSpan] = useState<OpenSpan | null>(null);
  const openId = openSpan && byId.has(openSpan.id) ? openSpan.id : null;
  const [side, setSide] = useState<SidePanel>(SPANS);
  // A panel whose span was deleted falls back to the list.
  const panel = side.kind !== 'spans' && (!projectId || !byId.has(side.sourceId)) ? SPANS : side;
  // The span a panel works on stays marked while its popover is closed.
  const activeId = openId ?? (panel.kind === 'spans' ? null : panel.sourceId);

  const { editor, drawnCount } = useReaderEditor(text, layout.drawn, activeId);
  const bodyRef = useRef<HTMLDivElement>(null);
  const refuseTagging = useCallback(
    () => setStatus({ text: 'Only analysts and admins of this project tag spans; reviewers approve and reject them.', kind: 'info' }),
    [setStatus],
  );
  const { captured, clearCaptured, toolbar } = useTagging({ editor, mapping, bodyRef, canAnnotate, busy, create, onRefused: refuseTagging });
  // An orphan to place by hand: only for whoever may move it (its author or an admin), as the server checks.
  const [placing, setPlacing] = useState(() => (props.placing && can.changeSpan(roles, props.placing.author.id, currentUserId) ? props.placing : null));

  // A new selection replaces whatever span was open, so only one Note field is ever on screen.
  useEffect(() => {
    if (captured) setOpenSpan(null);
  }, [captured]);

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

  // Deep links: #span-<id> opens a span; #cp-<start>-<end> selects a passage; #cp-<offset> opens the span starting there, else puts the caret there.
  const goTo = useCallback(
    (target: ReaderTarget) => {
      if (!editor || editor.isDestroyed) return;
      let id = target.kind === 'span' ? target.id : null;
      if (target.kind === 'offset' && target.end !== undefined) {
        // A passage (a search result): selected, so the reader sees it and can tag it at once.
        const from = mapping.textOffsetToPos(Math.min(target.offset, mapping.index.length));
        const to = mapping.textOffsetToPos(Math.min(target.end, mapping.index.length));
        editor.chain().focus(undefined, { scrollIntoView: false }).setTextSelection({ from, to }).run();
        scrollToPos(editor.view, from);
        return;
      }
      if (target.kind === 'offset') {
        const starting = annotations.filter((a) => a.start === target.offset && !layout.orphanIds.has(a.id));
        id = starting.sort((a, b) => length(a) - length(b))[0]?.id ?? null;
        if (!id) {
          const pos = mapping.textOffsetToPos(Math.min(target.offset, mapping.index.length));
          editor.commands.focus(pos, { scrollIntoView: false });
          scrollToPos(editor.view, pos);
          return;
        }
      }
      if (id && !byId.has(id) && props.orphanIds?.includes(id)) {
        setStatus({ text: 'That span lost its place when this article was revised; it is listed under Orphaned spans.', kind: 'error' });
        return;
      }
      if (!id || !byId.has(id)) {
        setStatus({ text: 'That span is not in this article any more; it may have been deleted.', kind: 'error' });
        return;
      }
      const highlight = findHighlight(editor.view.dom, id);
      highlight?.scrollIntoView({ block: 'center' });
      openAt(id, highlight, null);
    },
    [editor, annotations, layout, mapping, byId, openAt, setStatus, props.orphanIds],
  );
  const ready = drawnCount !== null;
  useLocationHash(ready, goTo);

  const closeSpan = useCallback(() => {
    const back = openSpan?.returnFocus;
    setOpenSpan(null);
    if (back?.isConnected) back.focus({ preventScroll: true });
  }, [openSpan]);

  // Counts follow links made here; only ends in this article are drawn here.
  const { addLinks } = context;
  const onLinked = useCallback(
    (link: LinkDto) => {
      for (const end of [link.from, link.to]) if (end.articleId === articleId) addLinks(end.id, 1);
    },
    [articleId, addLinks],
  );

  const { setClaim } = context;
  const onUndo = useCallback(async () => {
    const fromButton = document.activeElement?.closest('.article-reader__status-row') != null;
    const outcome = await undo();
    if (outcome?.ok && outcome.added && outcome.claimId) setClaim(outcome.added.id, outcome.claimId);
    if (outcome?.ok) outcome.links?.forEach(onLinked);
    // The Undo button goes once nothing is left to undo: reading goes on in the text, not at the top of the page.
    if (fromButton && outcome && (!outcome.ok || undoDepth <= 1)) editor?.view.dom.focus({ preventScroll: true });
  }, [undo, setClaim, onLinked, undoDepth, editor]);

  // Ctrl+Z (⌘Z) takes back the last tagging, edit or deletion made here, as in other annotation tools; not while typing.
  useEffect(() => {
    if (!canAnnotate || !undoName) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'z' || !(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || keyClaimed(e)) return;
      if (isTypingTarget(e.target, editor?.view.dom)) return;
      claimKey(e);
      e.preventDefault();
      void onUndo();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [canAnnotate, undoName, onUndo, editor]);

  // Escape closes the popover even when focus stayed in the text.
  useEffect(() => {
    if (!openSpan) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || keyClaimed(e)) return;
      claimKey(e);
      closeSpan();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openSpan, closeSpan]);

  const openPanel = (next: SidePanel) => {
    setOpenSpan(null);
    setSide(next);
  };
  const closePanel = useCallback(() => {
    setSide(SPANS);
    // The panel's buttons are gone; the text is where reading goes on.
    editor?.view.dom.focus({ preventScroll: true });
  }, [editor]);

  const open = openId ? byId.get(openId) : undefined;
  const openClaimId = open ? context.claimOf(open) : null;
  const { ensureLoaded: ensureClaimsLoaded } = projectClaims;
  useEffect(() => {
    if (openClaimId) ensureClaimsLoaded(); // to show the claim's wording
  }, [openClaimId, ensureClaimsLoaded]);

  const onSave = async (changes: Omit<UpdateAnnotationBody, 'version'>, version: number) => {
    if (open && (await save(open, changes, version)) === 'saved') closeSpan();
  };
  const onDelete = async () => {
    if (!open) return;
    const links = context.linkCounts.get(open.id) ?? 0;
    if (links > 0 && !window.confirm(`This span has ${plural(links, 'link')}. Delete the span and ${links === 1 ? 'its link' : `its ${links} links`}? (Undo brings them back.)`)) return;
    const removed = await remove(open, context.claimOf(open), links);
    if (removed) {
      context.setLinkCount(open.id, 0);
      // The other ends drawn here lose a link each.
      for (const l of removed) for (const end of [l.from, l.to]) if (end.id !== open.id && end.articleId === articleId) addLinks(end.id, -1);
      setOpenSpan(null);
      // Its highlight, where focus would go back to, is gone: the text, then.
      editor?.view.dom.focus({ preventScroll: true });
    }
  };

  const compareSource = panel.kind === 'compare' ? byId.get(panel.sourceId) : undefined;
  const suggestionsSource = panel.kind === 'suggestions' ? byId.get(panel.sourceId) : undefined;
  return (
    <div
      className={`article-reader${panel.kind === 'compare' ? ' article-reader--compare' : ''}`}
      data-testid="article-reader"
      data-highlights-ready={ready ? 'true' : 'false'}
      data-highlight-count={ready ? drawnCount : undefined}
    >
      <div className="article-reader__main">
        <SpanLegend showKeys={canAnnotate} />
        <div className="article-reader__status-row">
          <div role="status" aria-live="polite" data-testid="reader-status" className="article-reader__status" data-kind={status?.kind}>
            {status?.text}
          </div>
          {canAnnotate && undoName && (
            // Not disabled while busy (a disabled button drops focus to the page); undo() ignores a press meanwhile.
            <button type="button" className="btn-small" aria-disabled={busy} onClick={() => void onUndo()} title="Ctrl+Z (⌘Z)" aria-keyshortcuts="Control+Z Meta+Z">
              {undoName}
            </button>
          )}
        </div>
        {placing && (
          <PlaceOrphanBar
            orphan={placing}
            selection={captured}
            onCancel={() => setPlacing(null)}
            onPlaced={(span) => {
              setPlacing(null);
              clearCaptured();
              setStatus({ text: 'Span placed: its links, claim and history stay with it; it is pending review.', kind: 'info' });
              void refresh();
              // The orphan notice above the reader counts it no more.
              router.refresh();
              window.history.replaceState(null, '', `${window.location.pathname}#span-${span.id}`);
            }}
          />
        )}
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
          {toolbar}
          {open && openSpan && (
            <SpanPopover
              key={open.id}
              annotation={open}
              overlapping={openSpan.overlapIds.map((id) => byId.get(id)).filter((a): a is AnnotationDto => !!a)}
              anchor={openSpan.anchor}
              isOrphan={layout.orphanIds.has(open.id)}
              autoFocus={openSpan.returnFocus !== null}
              canEdit={can.changeSpan(roles, open.author.id, currentUserId)}
              canReview={can.reviewWork(roles, open.author.id, currentUserId)}
              currentUserId={currentUserId}
              busy={busy}
              onSave={(changes, version) => void onSave(changes, version)}
              onReview={(decision, comment) => review(open, decision, comment)}
              onDelete={() => void onDelete()}
              onSwitch={(id) => setOpenSpan({ ...openSpan, id })}
              onClose={closeSpan}
            >
              {projectId && (
                <>
                  <SpanLinks
                    annotation={open}
                    knownCount={context.linkCounts.get(open.id) ?? 0}
                    roles={roles}
                    currentUserId={currentUserId}
                    onCount={(n) => context.setLinkCount(open.id, n)}
                    onError={(text) => setStatus({ text, kind: 'error' })}
                  />
                  <SpanClaim
                    annotation={open}
                    projectId={projectId}
                    claimId={openClaimId}
                    claims={projectClaims.claims}
                    canAnnotate={canAnnotate}
                    currentUserId={currentUserId}
                    onRefreshClaims={() => void projectClaims.refresh()}
                    onChanged={(claimId, claim) => {
                      context.setClaim(open.id, claimId);
                      if (claim) projectClaims.upsert(claim);
                    }}
                    onMessage={(text, kind) => setStatus({ text, kind })}
                  />
                  <div className="span-popover__row span-popover__panels">
                    {canAnnotate && (
                      <button
                        type="button"
                        className="btn-small"
                        onClick={() =>
                          openPanel({ kind: 'compare', sourceId: open.id, articleId: side.kind === 'compare' ? side.articleId : null, focus: null })
                        }
                      >
                        Link…
                      </button>
                    )}
                    <button type="button" className="btn-small" onClick={() => openPanel({ kind: 'suggestions', sourceId: open.id })}>
                      Suggested matches
                    </button>
                  </div>
                </>
              )}
            </SpanPopover>
          )}
        </div>
      </div>
      {projectId && compareSource && panel.kind === 'compare' && (
        <CompareView
          projectId={projectId}
          currentArticleId={articleId}
          source={compareSource}
          sourceClaimId={context.claimOf(compareSource)}
          articleId={panel.articleId}
          focus={panel.focus}
          canAnnotate={canAnnotate}
          currentUserId={currentUserId}
          loadSpanContext={loadSpanContext}
          popoverOpen={openSpan !== null}
          onChooseArticle={(id) => setSide({ ...panel, articleId: id, focus: null })}
          onClose={closePanel}
          onLinked={onLinked}
          onSourceClaim={(claimId, claim) => {
            context.setClaim(compareSource.id, claimId);
            projectClaims.upsert(claim);
          }}
        />
      )}
      {suggestionsSource && (
        <SuggestionsPanel
          key={suggestionsSource.id}
          source={suggestionsSource}
          canAnnotate={canAnnotate}
          onOpen={(s) => openPanel({ kind: 'compare', sourceId: suggestionsSource.id, articleId: s.articleId, focus: { start: s.start, end: s.end } })}
          onLinked={onLinked}
          onClose={closePanel}
        />
      )}
      <SpanList
        annotations={ordered}
        orphanIds={layout.orphanIds}
        activeId={activeId}
        currentUserId={currentUserId}
        linkCounts={context.linkCounts}
        hidden={panel.kind !== 'spans'}
        onOpen={onOpenFromList}
      />
    </div>
  );
}

function length(a: AnnotationDto | undefined): number {
  return a ? a.end - a.start : Number.POSITIVE_INFINITY;
}
