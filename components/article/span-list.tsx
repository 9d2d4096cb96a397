'use client';

import { memo, useEffect, useMemo, useState } from 'react';
import { REVIEW_STATUSES, type AnnotationDto, type AnnotationStatus, type Label } from '@/lib/annotations/dto';
import { LABEL_OPTIONS, labelName, STATUS_NAMES } from '@/lib/annotations/labels';
import { plural, shortQuote } from './link-kinds';

type OnOpen = (id: string, opener: HTMLElement) => void;

type SpanListProps = {
  /** Already in text order. */
  annotations: AnnotationDto[];
  orphanIds: ReadonlySet<string>;
  activeId: string | null;
  currentUserId: string;
  /** Links per span id; spans without links are absent. */
  linkCounts?: ReadonlyMap<string, number>;
  /** Hidden (not unmounted) while a side panel takes its place, so it keeps its scroll position. */
  hidden?: boolean;
  onOpen: OnOpen;
};

// Items rendered per task while the list fills in.
const CHUNK = 100;

/** What the list shows: a tag, a review status, only the caller's spans ('' = any). */
type SpanFilter = { label: Label | ''; status: AnnotationStatus | ''; mine: boolean };
const ANY: SpanFilter = { label: '', status: '', mine: false };

function matches(a: AnnotationDto, f: SpanFilter, currentUserId: string) {
  return (!f.label || a.label === f.label) && (!f.status || a.status === f.status) && (!f.mine || a.author.id === currentUserId);
}

/**
 * The side panel. A long article has thousands of spans, so items are added
 * CHUNK at a time in separate tasks after mount: the article text and its
 * highlights come first and the page stays responsive while the list fills.
 * Items are memoised one by one: opening a span re-renders two, not two thousand.
 */
export const SpanList = memo(function SpanList({ annotations, orphanIds, activeId, currentUserId, linkCounts, hidden, onOpen }: SpanListProps) {
  const [filter, setFilter] = useState<SpanFilter>(ANY);
  const filtered = filter.label !== '' || filter.status !== '' || filter.mine;
  const matching = useMemo(
    () => (filtered ? annotations.filter((a) => matches(a, filter, currentUserId)) : annotations),
    [annotations, filter, filtered, currentUserId],
  );
  const [limit, setLimit] = useState(0);
  useEffect(() => {
    if (limit >= matching.length) return;
    return whenIdle(() => setLimit((l) => l + CHUNK));
  }, [limit, matching.length]);
  const shown = limit >= matching.length ? matching : matching.slice(0, limit);

  return (
    <aside aria-label="Spans" className="span-list" data-testid="span-list" hidden={hidden}>
      <h2 className="span-list__title">
        Spans{' '}
        <span className="span-list__count" data-testid="span-list-count">
          {filtered ? `${matching.length} of ${annotations.length}` : annotations.length}
        </span>
      </h2>
      {annotations.length > 0 && (
        <div className="span-list__filters" role="group" aria-label="Filter spans">
          <select aria-label="Filter by tag" value={filter.label} onChange={(e) => setFilter({ ...filter, label: e.target.value as Label | '' })}>
            <option value="">All tags</option>
            {LABEL_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.name}
              </option>
            ))}
          </select>
          <select aria-label="Filter by status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as AnnotationStatus | '' })}>
            <option value="">Any status</option>
            {REVIEW_STATUSES.map((st) => (
              <option key={st} value={st}>
                {STATUS_NAMES[st]}
              </option>
            ))}
          </select>
          <label>
            <input type="checkbox" checked={filter.mine} onChange={(e) => setFilter({ ...filter, mine: e.target.checked })} /> Mine
          </label>
          {filtered && (
            <button type="button" className="btn-small" onClick={() => setFilter(ANY)}>
              Show all
            </button>
          )}
        </div>
      )}
      {annotations.length === 0 ? (
        <p className="span-list__empty">No spans yet. Select text in the article to tag it.</p>
      ) : matching.length === 0 ? (
        <p className="span-list__empty">No spans match these filters.</p>
      ) : (
        <ol className="span-list__items">
          {shown.map((a) => (
            <SpanListItem
              key={a.id}
              annotation={a}
              isActive={a.id === activeId}
              isOrphan={orphanIds.has(a.id)}
              isMine={a.author.id === currentUserId}
              linkCount={linkCounts?.get(a.id) ?? 0}
              onOpen={onOpen}
            />
          ))}
        </ol>
      )}
    </aside>
  );
});

/** Runs `fn` when the browser is idle (Safari has no requestIdleCallback: a short timeout instead). */
function whenIdle(fn: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(fn, 30);
  return () => window.clearTimeout(id);
}

type SpanListItemProps = { annotation: AnnotationDto; isActive: boolean; isOrphan: boolean; isMine: boolean; linkCount: number; onOpen: OnOpen };

/**
 * The label badge and status sit outside the button, so the button's
 * accessible name is the quote, speaker and author and never collides with the
 * toolbar's "Assertion"/"Denial"/"Evidence" buttons; the whole card stays
 * clickable through the button's stretched ::after.
 */
const SpanListItem = memo(function SpanListItem({ annotation: a, isActive, isOrphan, isMine, linkCount, onOpen }: SpanListItemProps) {
  return (
    <li
      className={`span-list__item span-list__item--${a.label}${isActive ? ' span-list__item--active' : ''}`}
      data-testid="span-list-item"
      data-annotation-id={a.id}
      data-label={a.label}
      data-status={a.status}
    >
      <div className="span-list__head">
        <span className={`span-badge span-badge--${a.label}`}>{labelName(a.label)}</span>
        <span className={`span-status span-status--${a.status}`}>{STATUS_NAMES[a.status]}</span>
        {isOrphan && <span className="span-list__orphan">Text changed</span>}
        {linkCount > 0 && (
          <span className="span-list__links" data-testid="span-link-count" data-count={linkCount} title={plural(linkCount, 'link')}>
            <span aria-hidden="true">⇄ {linkCount}</span>
            <span className="visually-hidden">{plural(linkCount, 'link')}</span>
          </span>
        )}
      </div>
      <button
        type="button"
        className="span-list__open"
        aria-current={isActive ? 'true' : undefined}
        onClick={(e) => onOpen(a.id, e.currentTarget)}
      >
        <q className="span-list__quote">{a.exact}</q>
        {a.note && <span className="span-list__note">{shortQuote(a.note, 100)}</span>}
        <span className="span-list__meta">
          {a.speaker && <span className="span-list__speaker">{a.speaker}</span>}
          <span className="span-list__author">{isMine ? `${a.author.name} (you)` : a.author.name}</span>
        </span>
      </button>
    </li>
  );
});
