'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ObjectHistory } from '@/components/history/object-history';
import { ReviewControls } from '@/components/review/review-controls';
import { reviewLink } from '@/lib/review/api-client';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { can, type ProjectRole } from '@/lib/auth/can';
import { labelName, STATUS_NAMES } from '@/lib/annotations/labels';
import { deleteLink, fetchSpanLinks } from '@/lib/cross-source/api-client';
import { spanHref } from '@/lib/cross-source/location-hash';
import type { LinkDto, SpanSummaryDto } from '@/lib/links/dto';
import { linkKindName, plural, shortQuote } from './link-kinds';

type SpanLinksProps = {
  annotation: AnnotationDto;
  /** What the reader knew before asking (shown while the list loads). */
  knownCount: number;
  /** The caller's roles: who removes and who reviews a link follows lib/auth/can.ts. */
  roles: ProjectRole[];
  currentUserId: string;
  /** The fresh count, so the span list's badge follows. */
  onCount: (count: number) => void;
  onError: (message: string) => void;
};

/**
 * The links of the open span, fetched when the popover opens (others may have
 * linked it since the page loaded). Each names the other span's outlet,
 * article and quote and goes to it: within this article by the URL hash
 * alone, to another article as a client-side navigation.
 */
export function SpanLinks({ annotation: a, knownCount, roles, currentUserId, onCount, onError }: SpanLinksProps) {
  const [links, setLinks] = useState<LinkDto[] | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void fetchSpanLinks(a.id).then((res) => {
      if (!live) return;
      if (res.ok) {
        setLinks(res.data.links);
        onCount(res.data.links.length);
      } else {
        onError(res.message);
      }
    });
    return () => {
      live = false;
    };
    // Once per span (the popover is remounted for another span); the callbacks may change identity freely.
  }, [a.id]);

  const remove = async (link: LinkDto) => {
    setRemoving(link.id);
    const res = await deleteLink(link.id);
    setRemoving(null);
    if (!res.ok && res.status !== 404) {
      onError(res.message);
      return;
    }
    const rest = (links ?? []).filter((l) => l.id !== link.id);
    setLinks(rest);
    onCount(rest.length);
  };

  const decide = async (link: LinkDto, decision: 'approve' | 'reject', comment?: string) => {
    const res = await reviewLink(link.id, { decision, version: link.version, ...(comment ? { comment } : {}) });
    if (res.ok) {
      setLinks((list) => (list ?? []).map((l) => (l.id === link.id ? res.data : l)));
      return true;
    }
    if (res.status === 409) {
      // Decided or changed meanwhile: show it as it is now, then let the reviewer look again.
      const fresh = await fetchSpanLinks(a.id);
      if (fresh.ok) setLinks(fresh.data.links);
      onError('This link changed since you opened it; reloaded. Look again and decide.');
    } else {
      onError(res.message);
    }
    return false;
  };

  const count = links?.length ?? knownCount;
  return (
    <section className="span-links" aria-label="Links" data-testid="span-links" data-count={count}>
      {/* h2: the popover sits under the article's h1, and headings must not skip a level. */}
      <h2 className="span-popover__section-title">
        Links <span className="span-links__count">{count}</span>
      </h2>
      {links === null ? (
        count > 0 && <p className="span-popover__hint">Loading {plural(count, 'link')}…</p>
      ) : links.length === 0 ? (
        <p className="span-popover__hint">Not linked to other spans yet.</p>
      ) : (
        <ul className="span-links__items">
          {links.map((link) => {
            const other = link.from.id === a.id ? link.to : link.from;
            return (
              <li key={link.id} className="span-links__item" data-testid="span-link" data-kind={link.kind}>
                <span className={`link-kind link-kind--${link.kind}`}>{linkKindName(link.kind)}</span>
                <OtherEnd span={other} currentArticleId={a.articleId} />
                <span className={`span-status span-status--${link.status}`}>{STATUS_NAMES[link.status]}</span>
                {can.changeSpan(roles, link.author.id, currentUserId) && (
                  <button
                    type="button"
                    className="span-links__remove"
                    aria-label={`Remove link to “${shortQuote(other.exact, 40)}”`}
                    title="Remove this link"
                    disabled={removing === link.id}
                    onClick={() => void remove(link)}
                  >
                    ×
                  </button>
                )}
                {can.reviewWork(roles, link.author.id, currentUserId) && (
                  <ReviewControls subject={`link to “${shortQuote(other.exact, 40)}”`} status={link.status} onDecide={(d, c) => decide(link, d, c)} />
                )}
                <ObjectHistory objectType="link" objectId={link.id} label="Link history" />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function OtherEnd({ span, currentArticleId }: { span: SpanSummaryDto; currentArticleId: string }) {
  const href = spanHref(span.articleId, span.id, currentArticleId);
  const body = (
    <>
      <span className="span-links__where">
        {span.outlet ?? 'Unknown outlet'} · {span.articleTitle}
      </span>
      <q className="span-links__quote">{shortQuote(span.exact)}</q>
      <span className="visually-hidden"> ({labelName(span.label)})</span>
    </>
  );
  // A hash-only href makes the browser fire hashchange, which the reader follows; Link would not.
  return href.startsWith('#') ? (
    <a className="span-links__other" href={href}>
      {body}
    </a>
  ) : (
    <Link className="span-links__other" href={href}>
      {body}
    </Link>
  );
}
