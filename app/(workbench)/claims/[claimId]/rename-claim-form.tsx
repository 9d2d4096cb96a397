'use client';
import { useActionState } from 'react';
import { renameClaimAction, type RenameClaimState } from '@/lib/claims/actions';
import { MAX_CLAIM_LENGTH } from '@/lib/claims/schema';

export function RenameClaimForm({ claimId, text, version }: { claimId: string; text: string; version: number }) {
  const [state, action, pending] = useActionState<RenameClaimState, FormData>(renameClaimAction, {});
  // After a save the page re-renders with the new version; keep the form in step with it.
  const current = state.saved ?? { text, version };
  return (
    <form action={action} aria-label="Rename the claim">
      <div className="cl-rename">
        <input type="hidden" name="claimId" value={claimId} />
        <input type="hidden" name="version" value={current.version} />
        <input name="text" defaultValue={current.text} key={current.version} maxLength={MAX_CLAIM_LENGTH} required aria-label="Claim wording" />
        <button className="btn" type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Rename'}
        </button>
      </div>
      {state.error && (
        <p className="error-text" role="status" style={{ marginTop: '-1rem' }}>
          {state.error}
        </p>
      )}
    </form>
  );
}
