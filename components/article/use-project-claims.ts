'use client';

import { useCallback, useRef, useState } from 'react';
import type { ClaimDto } from '@/lib/claims/dto';
import { fetchProjectClaims } from '@/lib/cross-source/api-client';

const byText = (a: ClaimDto, b: ClaimDto) => a.text.localeCompare(b.text, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);

/**
 * The project's claims, for showing a span's claim and for "Add to claim…".
 * Loaded on first need, not with the page: most reading never touches claims.
 * `refresh` reloads (someone else may have made claims since).
 */
export function useProjectClaims(projectId: string | undefined) {
  const [claims, setClaims] = useState<ClaimDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);

  const refresh = useCallback(async () => {
    if (!projectId || loading.current) return;
    loading.current = true;
    const res = await fetchProjectClaims(projectId);
    loading.current = false;
    if (res.ok) {
      setClaims([...res.data.claims].sort(byText));
      setError(null);
    } else {
      setError(res.message);
    }
  }, [projectId]);

  const ensureLoaded = useCallback(() => {
    if (claims === null) void refresh();
  }, [claims, refresh]);

  /** A claim just made or changed here, without another round trip. */
  const upsert = useCallback((claim: ClaimDto) => {
    setClaims((list) => [...(list ?? []).filter((c) => c.id !== claim.id), claim].sort(byText));
  }, []);

  return { claims, error, refresh, ensureLoaded, upsert };
}
