'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteAnnotation } from '@/lib/annotations/api-client';
import { shortQuote } from '@/components/article/link-kinds';

/**
 * Delete for an orphaned span, once its passage is tagged again in the
 * current text (or it is no longer wanted): only for its author or an admin,
 * as the server checks too. The page is read again afterwards.
 */
export function DeleteOrphan({ id, quote }: { id: string; quote: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={busy}
        aria-label={`Delete the orphaned span “${shortQuote(quote, 40)}”`}
        onClick={async () => {
          if (!window.confirm('Delete this orphaned span? Its links go with it; its history stays.')) return;
          setBusy(true);
          const res = await deleteAnnotation(id);
          setBusy(false);
          if (res.ok || res.status === 404) router.refresh();
          else setError(res.message);
        }}
      >
        Delete
      </button>
      {error && (
        <span role="alert" className="error-text">
          {' '}
          {error}
        </span>
      )}
    </>
  );
}
