'use client';
import type { SpanSummaryDto } from '@/lib/links/dto';
import type { LinkQueueItem } from '@/lib/review/list-link-queue';
import { reviewLink } from '@/lib/review/api-client';
import { spanHref } from '@/lib/cross-source/location-hash';
import { linkKindName, shortQuote } from '@/components/article/link-kinds';
import { ReviewList } from './review-queue';

type Props = { initialItems: LinkQueueItem[]; currentUserId: string; limit: number; empty?: string };

/** One end of a link: its tag, its words and where it is. */
function End({ span }: { span: SpanSummaryDto }) {
  return (
    <span className="rq-link-end">
      <span className={`badge ${span.label}`}>{span.label}</span> <mark className={`rq-mark ${span.label}`}>{shortQuote(span.exact, 160)}</mark>{' '}
      <span className="muted">
        {span.outlet ?? 'Unknown outlet'} · <a href={spanHref(span.articleId, span.id)}>{span.articleTitle}</a>
      </span>
    </span>
  );
}

/**
 * The links waiting for review, with the keys of the span queue: each shows
 * its kind and both spans with their articles; `o` opens the first span.
 */
export function LinkReviewQueue(props: Props) {
  return (
    <ReviewList
      {...props}
      noun="link"
      location={(link) => spanHref(link.from.articleId, link.from.id)}
      quote={(link) => `${shortQuote(link.from.exact, 28)} ${linkKindName(link.kind).toLowerCase()} ${shortQuote(link.to.exact, 28)}`}
      decide={(link, body) => reviewLink(link.id, body)}
      render={(link) => (
        <>
          <div className="rq-meta">
            <strong>{linkKindName(link.kind)}</strong> · by {link.author.name}
          </div>
          <div className="rq-link">
            <End span={link.from} />
            <span className="rq-link-kind" aria-hidden="true">
              →
            </span>
            <End span={link.to} />
          </div>
        </>
      )}
    />
  );
}
