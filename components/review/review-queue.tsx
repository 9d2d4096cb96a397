'use client';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { QueueItem } from '@/lib/review/list-queue';
import type { ApiResult } from '@/lib/annotations/api-client';
import { reasonKeys } from './reason-keys';
import { reviewAnnotation, type ReviewBody } from '@/lib/review/api-client';
import { shortQuote } from '@/components/article/link-kinds';
import { contextEllipsis } from '@/lib/anchoring/code-points';
import { ReviewDecision, type Decided } from './review-decision';

/** Where `o` and the title go: the span in its article, or, for an orphan (not drawn there), its entry on the orphans page. */
const spanLocation = (projectId: string, item: QueueItem) =>
  item.orphaned ? `/projects/${projectId}/orphans#span-${item.id}` : `/articles/${item.article.id}#span-${item.id}`;

type Props = {
  initialItems: QueueItem[];
  currentUserId: string;
  /** The page's limit: a full page means more may be waiting beyond it. */
  limit: number;
  projectId: string;
  /** What an empty list says when it is not the pending queue (a filter on approved or rejected items). */
  empty?: string;
};

/** The spans waiting for review (see ReviewList). */
export function ReviewQueue({ projectId, ...list }: Props) {
  return (
    <ReviewList
      {...list}
      noun="span"
      location={(item) => spanLocation(projectId, item)}
      quote={(item) => shortQuote(item.exact, 60)}
      decide={(item, body) => reviewAnnotation(item.id, body)}
      render={(item) => (
        <>
          <div className="rq-meta">
            <span className={`badge ${item.label}`}>{item.label}</span> {item.article.outlet ?? 'Unknown outlet'} · <a href={spanLocation(projectId, item)}>{item.article.title}</a> · by {item.author.name}
            {item.orphaned && (
              <>
                {' · '}
                <strong data-testid="queue-orphaned" title="A revision of the article left this span without a place">
                  Orphaned
                </strong>
              </>
            )}
            {item.speaker && <> · speaker: {item.speaker}</>}
          </div>
          <blockquote className="rq-context">
            {contextEllipsis(item.prefix)}
            {item.prefix}
            <mark className={`rq-mark ${item.label}`}>{item.exact}</mark>
            {item.suffix}
            {contextEllipsis(item.suffix)}
          </blockquote>
          {item.note && <p className="rq-note">Note: {item.note}</p>}
        </>
      )}
    />
  );
}

/** What the list needs of an item: who made it, its review state, its latest decision and version. */
type Reviewable = Decided & { id: string; version: number; author: { id: string; name: string } };

type ListProps<T extends Reviewable> = {
  initialItems: T[];
  currentUserId: string;
  limit: number;
  noun: 'span' | 'link';
  /** Where `o` and the item's own links go. */
  location: (item: T) => string;
  /** The words the status line quotes after a decision, short enough for one line. */
  quote: (item: T) => string;
  decide: (item: T, body: ReviewBody) => Promise<ApiResult<unknown>>;
  render: (item: T) => ReactNode;
  empty?: string;
};

/**
 * A reviewer's queue, made for the keyboard: j/k move, a approves, r rejects
 * (asks for a comment), o opens the item where it is. A stale decision
 * (someone else decided first) takes the item out and says why. Spans and
 * links share it; each brings how its items look and are decided.
 */
export function ReviewList<T extends Reviewable>({ initialItems, currentUserId, limit, noun, location, quote, decide, render, empty }: ListProps<T>) {
  const router = useRouter();
  const [items, setItems] = useState(initialItems);
  const [index, setIndex] = useState(0);
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const current = items[Math.min(index, items.length - 1)];

  const settle = useCallback(
    async (decision: 'approve' | 'reject', why?: string) => {
      if (!current) return;
      if (current.author.id === currentUserId) {
        setMessage('Nobody reviews their own work.');
        return;
      }
      // In a filtered view (approved, rejected) the key for the status it already has changes nothing.
      if (current.status === (decision === 'approve' ? 'approved' : 'rejected')) {
        setMessage(`Already ${current.status}.`);
        return;
      }
      const result = await decide(current, { decision, version: current.version, ...(why ? { comment: why } : {}) });
      if (result.ok) {
        setItems((list) => list.filter((i) => i.id !== current.id));
        setMessage(`${decision === 'approve' ? 'Approved' : 'Rejected'}: “${quote(current)}”`);
        // The counts above are the server's: read them again (the items here stay as they are).
        router.refresh();
      } else if (result.status === 409) {
        setItems((list) => list.filter((i) => i.id !== current.id));
        setMessage(`Someone else changed or decided this ${noun} first; it left your queue. Reload to see it again.`);
      } else {
        setMessage(result.message);
      }
      setRejecting(false);
      setComment('');
    },
    [current, currentUserId, router, decide, quote, noun],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (rejecting || e.metaKey || e.ctrlKey || e.altKey) return;
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select')) return;
      if (e.key === 'j') setIndex((i) => Math.min(i + 1, items.length - 1));
      else if (e.key === 'k') setIndex((i) => Math.max(i - 1, 0));
      else if (e.key === 'a') void settle('approve');
      else if (e.key === 'r') {
        if (current?.status === 'rejected') setMessage('Already rejected.');
        else setRejecting(true);
      }
      else if (e.key === 'o' && current) window.location.assign(location(current));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items.length, rejecting, settle, current, location]);

  useEffect(() => {
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  return (
    <section aria-label="Queue" className="rq">
      <p className="muted rq-keys">
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>o</kbd> open in {noun === 'span' ? 'article' : 'its first article'}
      </p>
      <p role="status" data-testid="review-status" className="rq-status">
        {message}
      </p>
      {initialItems.length >= limit && (
        <p className="muted" data-testid="queue-more">
          Showing the first {limit} items; more may be waiting. Reload when these are decided.
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted">
          {initialItems.length >= limit
            ? 'These are decided. Reload for the next items.'
            : initialItems.length === 0 && empty
              ? empty
              : 'Nothing waiting. Well done.'}
        </p>
      ) : (
        <ol ref={listRef} className="rq-list">
          {items.map((item, i) => (
            <li key={item.id} aria-current={item === current} className={item === current ? 'rq-item rq-current' : 'rq-item'} data-item-id={item.id} onClick={() => setIndex(i)}>
              {render(item)}
              <ReviewDecision item={item} />
              {item === current && (
                <div className="rq-actions">
                  <button className="btn" onClick={() => void settle('approve')}>
                    Approve
                  </button>
                  <button className="btn" onClick={() => setRejecting(true)}>
                    Reject…
                  </button>
                </div>
              )}
              {item === current && rejecting && (
                <form
                  className="rq-reject"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (comment.trim()) void settle('reject', comment.trim());
                  }}
                >
                  <label>
                    Why reject?
                    <textarea
                      autoFocus
                      value={comment}
                      onChange={(e) => setComment(e.target.value)}
                      onKeyDown={reasonKeys(() => setRejecting(false))}
                      required
                    />
                  </label>
                  <button className="btn primary" type="submit">
                    Reject
                  </button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
