'use client';
import { useEffect, useRef } from 'react';

/**
 * Calls `onChange` when another user changes this article's spans or links
 * (server-sent events from /api/v1/articles/{id}/events). EventSource
 * reconnects by itself, so a server restart only delays updates. Bursts of
 * events are folded into one refresh.
 */
export function useLiveUpdates(articleId: string, textHash: string, onChange: () => void, onRevised?: () => void, onOpened?: () => void) {
  const shownTextHash = useRef(textHash);
  shownTextHash.current = textHash;
  const revised = useRef(onRevised);
  revised.current = onRevised;
  const opened = useRef(onOpened);
  opened.current = onOpened;
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    // Ask for events since a little before now: whatever changed while the page
    // was loading and the stream connecting comes through (a refetch is idempotent).
    const since = new Date(Date.now() - 5_000).toISOString();
    const source = new EventSource(`/api/v1/articles/${articleId}/events?since=${encodeURIComponent(since)}`);
    let pending: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener('change', (event) => {
      // A new revision changes the text itself, not just the spans; a page loaded after it already shows it
      // (the stream starts a little in the past, so it can still send the revision this page shows).
      if ((event as MessageEvent).data?.includes('"article.revise"') && revised.current) {
        if (!(event as MessageEvent).data.includes(`"textHash":"${shownTextHash.current}"`)) revised.current();
        return;
      }
      // Opened for comparison (independent annotation ends here): what the page says around the reader changes too.
      if ((event as MessageEvent).data?.includes('"article.compare"')) opened.current?.();
      clearTimeout(pending);
      pending = setTimeout(() => latest.current(), 150);
    });
    return () => {
      clearTimeout(pending);
      source.close();
    };
  }, [articleId]);
}
