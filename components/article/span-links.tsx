'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ObjectHistory } from '@/components/history/object-history';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { labelName } from '@/lib/annotations/labels';
import { deleteLink, fetchSpanLinks } from '@/lib/cross-source/api-client';
import { spanHref } from '@/lib/cross-source/location-hash';
import type { LinkDto, SpanSummaryDto } from '@/lib/links/dto';
import { linkKindName, plural, shortQuote } from './link-kinds';

type SpanLinksProps = {
  annotation: AnnotationDto;
  /** What the reader knew before asking (shown while the list loads). */
  knownCount: number;
  canAnnotate: boolean;
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
export function SpanLinks({ annotation: a, knownCount, canAnnotate, onCount, onError }: SpanLinksProps) {
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

  const count = links?.length ?? knownCount;
  return (
    <section className="span-links" aria-label="Links" data-testid="span-links" data-count={count}>
      <h3 className="span-popover__section-title">
        Links <span className="span-links__count">{count}</span>
      </h3>
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
                {canAnnotate && (
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
                <ObjectHistory objectType="link" objectId={link.id} />
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
