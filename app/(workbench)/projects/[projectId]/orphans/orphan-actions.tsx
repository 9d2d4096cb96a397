'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteAnnotation, request, type ApiResult } from '@/lib/annotations/api-client';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { shortQuote } from '@/components/article/link-kinds';

/**
 * An API call from the orphans page: the page is read again when it is done
 * (the orphan leaves the list), or the error is shown beside the button.
 * `gone`: a 404 also counts as done (deleting what is already deleted).
 */
function useOrphanCall() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (call: () => Promise<ApiResult<unknown>>, gone = false) => {
    setBusy(true);
    const res = await call();
    setBusy(false);
    if (res.ok || (gone && res.status === 404)) router.refresh();
    else setError(res.message);
  };
  const note = error && (
    <span role="alert" className="error-text">
      {' '}
      {error}
    </span>
  );
  return { busy, run, note };
}

/**
 * Delete for an orphaned span, once its passage is tagged again in the
 * current text (or it is no longer wanted): only for its author or an admin,
 * as the server checks too.
 */
export function DeleteOrphan({ id, quote }: { id: string; quote: string }) {
  const { busy, run, note } = useOrphanCall();
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={busy}
        aria-label={`Delete the orphaned span “${shortQuote(quote, 40)}”`}
        onClick={() => {
          if (window.confirm('Delete this orphaned span? Its links go with it; its history stays.')) void run(() => deleteAnnotation(id), true);
        }}
      >
        Delete
      </button>
      {note}
    </>
  );
}

/**
 * Places an orphan at the page's best guess, for its author or an admin (the
 * server checks too). The span keeps its id, links, claim and history.
 */
export function PlaceOrphan({ id, start, end, version }: { id: string; start: number; end: number; version: number }) {
  const { busy, run, note } = useOrphanCall();
  const place = () => request<AnnotationDto>(`/api/v1/annotations/${encodeURIComponent(id)}/place`, { method: 'POST', body: { start, end, version } });
  return (
    <>
      <button type="button" className="btn primary" disabled={busy} onClick={() => void run(place)}>
        Place it here
      </button>
      {note}
    </>
  );
}
