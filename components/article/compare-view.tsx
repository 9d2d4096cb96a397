'use client';

import Link from 'next/link';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { labelName } from '@/lib/annotations/labels';
import type { ArticleSummaryDto } from '@/lib/articles/list-articles';
import type { ClaimDto } from '@/lib/claims/dto';
import { ARTICLE_CHOICES, attachToClaim, createClaimFromSpan, createLink, fetchProjectArticles } from '@/lib/cross-source/api-client';
import { planSameClaim } from '@/lib/cross-source/same-claim-plan';
import type { LoadSpanContext } from '@/lib/cross-source/types';
import type { LinkDto, LinkKind } from '@/lib/links/dto';
import { CompareReader, type TextRange } from './compare-reader';
import { claimKey, keyClaimed } from './key-claims';
import { LINK_KIND_OPTIONS, linkKindName, shortQuote } from './link-kinds';
import { useComparedArticle } from './use-compared-article';

type CompareViewProps = {
  projectId: string;
  currentArticleId: string;
  /** The span being linked from, in the article on the left. */
  source: AnnotationDto;
  sourceClaimId: string | null;
  articleId: string | null;
  focus: TextRange | null;
  canAnnotate: boolean;
  currentUserId: string;
  loadSpanContext?: LoadSpanContext;
  /** While the reader's popover is open, Escape is the popover's. */
  popoverOpen: boolean;
  onChooseArticle: (articleId: string | null) => void;
  onClose: () => void;
  onLinked: (link: LinkDto) => void;
  onSourceClaim: (claimId: string, claim: ClaimDto) => void;
};

type Message = { text: string; kind: 'info' | 'error'; claimId?: string };

const articleName = (a: Pick<ArticleSummaryDto, 'outlet' | 'title'>) => `${a.outlet ?? 'Unknown outlet'} — ${a.title}`;

/**
 * Linking across sources: the source article stays on the left, another
 * article of the project is read on the right. Pick a span there (or tag
 * some text there first), then say whether it corroborates or contradicts
 * the source span; then, optionally, put both spans in one claim.
 */
export function CompareView(props: CompareViewProps) {
  const { projectId, currentArticleId, source, sourceClaimId, articleId, focus, canAnnotate, currentUserId, loadSpanContext, popoverOpen } = props;
  const [articles, setArticles] = useState<ArticleSummaryDto[] | null>(null);
  const [articleTotal, setArticleTotal] = useState(0);
  const [words, setWords] = useState('');
  const { article, error, loading } = useComparedArticle(articleId, loadSpanContext);
  const [target, setTarget] = useState<AnnotationDto | null>(null);
  const targetId = useRef<string | null>(null);
  const [linked, setLinked] = useState<LinkDto | null>(null);
  const [targetClaims, setTargetClaims] = useState<Record<string, string | null>>({});
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const chooserRef = useRef<HTMLSelectElement>(null);
  const chooserId = useId();
  const { onClose } = props;

  // The first ARTICLE_CHOICES articles, or those matching the words typed (a corpus holds thousands).
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void fetchProjectArticles(projectId, words).then((res) => {
        if (!live) return;
        if (res.ok) {
          setArticles(res.data.articles.filter((a) => a.id !== currentArticleId));
          setArticleTotal(res.data.total);
        } else setMessage({ text: res.message, kind: 'error' });
      });
    }, words ? 250 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [projectId, currentArticleId, words]);

  // Opened with "Link…": start at the article chooser, for keyboard users too.
  useEffect(() => {
    if (!articleId) chooserRef.current?.focus({ preventScroll: true });
    // Only on opening.
  }, []);

  // A new article or source span starts a new link.
  useEffect(() => {
    targetId.current = null;
    setTarget(null);
    setLinked(null);
    setMessage(null);
  }, [articleId, source.id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || keyClaimed(e) || popoverOpen) return;
      // A text selection is the tagging toolbar's to drop first.
      if (document.getSelection()?.isCollapsed === false) return;
      claimKey(e);
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [popoverOpen, onClose]);

  // Stable: the second reader re-registers its key handlers when this changes.
  const pick = useCallback((a: AnnotationDto) => {
    if (targetId.current === a.id) return; // picking it again must not undo "linked"
    targetId.current = a.id;
    setTarget(a);
    setLinked(null);
    setMessage(null);
  }, []);

  const targetClaimId = (a: AnnotationDto): string | null =>
    a.id in targetClaims ? targetClaims[a.id] : (article?.claimIds[a.id] ?? (a as { claimId?: string | null }).claimId ?? null);

  const link = async (kind: LinkKind) => {
    if (!target) return;
    setBusy(true);
    const res = await createLink(source.id, target.id, kind);
    setBusy(false);
    if (!res.ok) {
      setMessage({ text: res.message, kind: 'error' });
      return;
    }
    setLinked(res.data);
    setMessage({ text: `Linked: ${linkKindName(kind).toLowerCase()}.`, kind: 'info' });
    props.onLinked(res.data);
  };

  const sameClaim = async () => {
    if (!target) return;
    const plan = planSameClaim({ id: source.id, claimId: sourceClaimId }, { id: target.id, claimId: targetClaimId(target) });
    if (plan.kind === 'done') {
      setMessage({ text: 'Both spans are already in the same claim.', kind: 'info', claimId: plan.claimId });
      return;
    }
    if (plan.kind === 'conflict') {
      setMessage({ text: 'The two spans belong to different claims; remove one from its claim first.', kind: 'error' });
      return;
    }
    setBusy(true);
    let claimId = plan.kind === 'attach' ? plan.claimId : null;
    if (plan.kind === 'create') {
      const made = await createClaimFromSpan(projectId, plan.fromId);
      if (!made.ok) {
        setBusy(false);
        setMessage({ text: made.message, kind: 'error' });
        return;
      }
      claimId = made.data.id;
      props.onSourceClaim(made.data.id, made.data);
    }
    const attached = await attachToClaim(claimId!, plan.attachId);
    setBusy(false);
    if (!attached.ok) {
      setMessage({ text: `The other span could not be added to the claim: ${attached.message}`, kind: 'error', claimId: claimId! });
      return;
    }
    // Either way the source span is in this claim now; the reader also takes the claim's fresh counts.
    props.onSourceClaim(attached.data.id, attached.data);
    if (plan.attachId !== source.id) setTargetClaims((m) => ({ ...m, [plan.attachId]: attached.data.id }));
    setMessage({ text: `Both spans are in the claim “${shortQuote(attached.data.text, 80)}”.`, kind: 'info', claimId: attached.data.id });
  };

  const claimPlan = linked && target ? planSameClaim({ id: source.id, claimId: sourceClaimId }, { id: target.id, claimId: targetClaimId(target) }) : null;
  return (
    <section className="side-panel compare" aria-label="Compare" data-testid="compare-view">
      <div className="side-panel__head">
        <div className="compare__chooser">
          <label htmlFor={chooserId}>Compare with</label>
          <input
            type="search"
            className="compare__find"
            aria-label="Find an article by title, outlet or ID"
            placeholder="Find by title, outlet or ID"
            maxLength={200}
            value={words}
            onChange={(e) => setWords(e.target.value)}
          />
          <select id={chooserId} ref={chooserRef} value={articleId ?? ''} onChange={(e) => props.onChooseArticle(e.target.value || null)}>
            <option value="">{articles === null ? 'Loading articles…' : 'Choose an article'}</option>
            {articles?.map((a) => (
              <option key={a.id} value={a.id}>
                {articleName(a)}
              </option>
            ))}
            {/* Opened from a suggestion before the list has loaded: keep the choice showable. */}
            {articleId && articles && !articles.some((a) => a.id === articleId) && article && <option value={articleId}>{articleName(article)}</option>}
          </select>
          {articles && articleTotal > ARTICLE_CHOICES && (
            <span className="muted compare__more" data-testid="compare-more">
              First {ARTICLE_CHOICES} of {articleTotal.toLocaleString('en-US')}{words.trim() ? ' that match' : ''}: type words to narrow.
            </span>
          )}
          {articles && words.trim() && articleTotal === 0 && <span className="muted compare__more">No article matches.</span>}
        </div>
        <button type="button" className="btn-small" onClick={onClose} aria-keyshortcuts="Escape">
          Close compare
        </button>
      </div>

      <div className="compare__link-bar" role="group" aria-label="Link the spans">
        <p className="compare__end">
          <span className="compare__end-name">From</span>
          <span className={`span-badge span-badge--${source.label}`}>{labelName(source.label)}</span>
          <q>{shortQuote(source.exact, 120)}</q>
        </p>
        <p className="compare__end" data-testid="compare-target" data-annotation-id={target?.id}>
          <span className="compare__end-name">To</span>
          {target ? (
            <>
              <span className={`span-badge span-badge--${target.label}`}>{labelName(target.label)}</span>
              <q>{shortQuote(target.exact, 120)}</q>
            </>
          ) : (
            <span className="compare__hint">
              {canAnnotate ? 'Click a span in the article below, or select text there and tag it.' : 'Click a span in the article below.'}
            </span>
          )}
        </p>
        {canAnnotate && (
          <div className="compare__actions">
            {LINK_KIND_OPTIONS.map((k) => (
              <button
                key={k.value}
                type="button"
                className={`btn-small link-kind-button link-kind-button--${k.value}`}
                disabled={!target || busy || !!linked}
                onClick={() => void link(k.value)}
              >
                {k.name}
              </button>
            ))}
            {/* Offered only when it would do something: both in one claim already is said, not offered. */}
            {claimPlan && claimPlan.kind !== 'done' && (
              <button type="button" className="btn-small btn-small--primary" disabled={busy} onClick={() => void sameClaim()}>
                Put both in the same claim
              </button>
            )}
            {claimPlan?.kind === 'done' && (
              <span className="muted" data-testid="same-claim">
                Both are in the same claim.
              </span>
            )}
          </div>
        )}
        <div role="status" aria-live="polite" className="side-panel__status" data-kind={message?.kind} data-testid="compare-status">
          {message?.text}
          {message?.claimId && (
            <>
              {' '}
              <Link href={`/claims/${encodeURIComponent(message.claimId)}`}>Open the claim</Link>
            </>
          )}
        </div>
      </div>

      <div className="compare__article">
        {!articleId ? (
          <p className="side-panel__hint">Choose an article of the project to read beside this one.</p>
        ) : loading ? (
          <p className="side-panel__hint" aria-busy="true">
            Loading article…
          </p>
        ) : error || !article ? (
          <p className="side-panel__hint side-panel__hint--error">{error ?? 'The article could not be loaded.'}</p>
        ) : (
          <>
            <h2 className="compare__title">
              <span className="compare__outlet">{article.outlet ?? 'Unknown outlet'}</span> ·{' '}
              <Link href={`/articles/${encodeURIComponent(article.id)}`}>{article.title}</Link>
            </h2>
            <CompareReader
              key={article.id}
              articleId={article.id}
              text={article.text}
              initialAnnotations={article.annotations}
              canAnnotate={canAnnotate}
              currentUserId={currentUserId}
              pickedId={target?.id ?? null}
              focus={focus}
              onPick={pick}
            />
          </>
        )}
      </div>
    </section>
  );
}
