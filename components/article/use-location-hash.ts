'use client';

import { useEffect, useLayoutEffect, useRef } from 'react';
import { parseReaderHash, type ReaderTarget } from '@/lib/cross-source/location-hash';

/**
 * Follows `#span-<id>` / `#cp-<offset>` in the URL: once the highlights are
 * drawn (a link from another page), and on every later hash change (a link
 * to a span of the article already open).
 */
export function useLocationHash(ready: boolean, onTarget: (target: ReaderTarget) => void) {
  const latest = useRef(onTarget);
  useLayoutEffect(() => {
    latest.current = onTarget;
  });
  useEffect(() => {
    if (!ready) return;
    const follow = () => {
      const target = parseReaderHash(window.location.hash);
      if (target) latest.current(target);
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [ready]);
}
