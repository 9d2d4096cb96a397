'use client';
import { useEffect, useRef } from 'react';

/**
 * Calls `onChange` when another user changes this article's spans or links
 * (server-sent events from /api/v1/articles/{id}/events). EventSource
 * reconnects by itself, so a server restart only delays updates. Bursts of
 * events are folded into one refresh.
 */
export function useLiveUpdates(articleId: string, onChange: () => void) {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/articles/${articleId}/events`);
    let pending: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener('change', () => {
      clearTimeout(pending);
      pending = setTimeout(() => latest.current(), 150);
    });
    return () => {
      clearTimeout(pending);
      source.close();
    };
  }, [articleId]);
}
