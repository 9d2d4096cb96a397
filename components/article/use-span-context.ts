'use client';

import { useCallback, useState } from 'react';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { SpanContext } from '@/lib/cross-source/types';

/** `claimId` once the API sends it with every span; until then the page's span context says. */
type MaybeWithClaim = AnnotationDto & { claimId?: string | null };

/**
 * Link counts and claims of the article's spans, seeded from the page and
 * kept in step by the reader's own actions (link, unlink, claim changes).
 * A claim recorded here as null means "detached here", which beats a stale
 * `claimId` on the span itself.
 */
export function useSpanContext(initial: SpanContext | undefined) {
  const [linkCounts, setLinkCounts] = useState<ReadonlyMap<string, number>>(() => new Map(Object.entries(initial?.linkCounts ?? {})));
  const [claims, setClaims] = useState<ReadonlyMap<string, string | null>>(() => new Map(Object.entries(initial?.claimIds ?? {})));

  const setLinkCount = useCallback((id: string, count: number) => {
    setLinkCounts((m) => {
      if ((m.get(id) ?? 0) === count) return m;
      const next = new Map(m);
      if (count > 0) next.set(id, count);
      else next.delete(id);
      return next;
    });
  }, []);

  const addLinks = useCallback((id: string, delta: number) => {
    setLinkCounts((m) => {
      const next = new Map(m);
      const count = Math.max(0, (m.get(id) ?? 0) + delta);
      if (count > 0) next.set(id, count);
      else next.delete(id);
      return next;
    });
  }, []);

  const setClaim = useCallback((id: string, claimId: string | null) => {
    setClaims((m) => (m.get(id) === claimId ? m : new Map(m).set(id, claimId)));
  }, []);

  const claimOf = useCallback(
    (a: AnnotationDto): string | null => (claims.has(a.id) ? (claims.get(a.id) ?? null) : ((a as MaybeWithClaim).claimId ?? null)),
    [claims],
  );

  /** Takes a fresh context from the server (after someone else changed links or claims). */
  const replace = useCallback((next: SpanContext) => {
    setLinkCounts(new Map(Object.entries(next.linkCounts)));
    setClaims(new Map(Object.entries(next.claimIds)));
  }, []);

  return { linkCounts, setLinkCount, addLinks, claimOf, setClaim, replace };
}
