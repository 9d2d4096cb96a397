'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/**
 * Deletes the claim through the API at the version on screen (a rename that
 * landed meanwhile answers 409 and nothing is deleted). Its spans stay.
 */
export function DeleteClaimButton({ claimId, projectId, version, spanCount }: { claimId: string; projectId: string; version: number; spanCount: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const onClick = async () => {
    const spans = spanCount === 1 ? '1 span stays' : `${spanCount} spans stay`;
    if (!window.confirm(`Delete this claim? Its ${spans}, detached; the claim's history is kept.`)) return;
    setPending(true);
    setError(null);
    const res = await fetch(`/api/v1/claims/${claimId}?version=${version}`, { method: 'DELETE' });
    if (res.status === 204) {
      router.push(`/projects/${projectId}/matrix`);
      router.refresh();
      return;
    }
    setPending(false);
    const body = await res.json().catch(() => null);
    setError(body?.error?.message ?? `Could not delete the claim (${res.status})`);
    if (res.status === 409) router.refresh();
  };
  return (
    <span className="cl-delete">
      <button type="button" className="btn btn--danger" onClick={onClick} disabled={pending}>
        {pending ? 'Deleting…' : 'Delete claim'}
      </button>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
