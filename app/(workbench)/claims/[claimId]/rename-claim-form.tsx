'use client';
import { useActionState } from 'react';
import { renameClaimAction, type RenameClaimState } from '@/lib/claims/actions';
import { MAX_CLAIM_LENGTH, MAX_VERDICT_LENGTH, MAX_VERDICT_NOTE_LENGTH } from '@/lib/claims/schema';

export function RenameClaimForm({ claimId, text, verdict, verdictNote, version }: { claimId: string; text: string; verdict: string | null; verdictNote: string | null; version: number }) {
  const [state, action, pending] = useActionState<RenameClaimState, FormData>(renameClaimAction, {});
  // After a save the page re-renders with the new version; keep the form in step with it.
  const current = state.saved ?? { text, verdict, verdictNote, version };
  return (
    <form action={action} aria-label="Rename the claim">
      <div className="cl-rename">
        <input type="hidden" name="claimId" value={claimId} />
        <input type="hidden" name="version" value={current.version} />
        {/* Visible labels: once filled in, placeholders no longer say which box is which. */}
        <label className="cl-field cl-field--wide">
          <span>Wording</span>
          <input name="text" defaultValue={current.text} key={current.version} maxLength={MAX_CLAIM_LENGTH} required aria-label="Claim wording" />
        </label>
        <label className="cl-field cl-field--verdict">
          <span>Verdict</span>
          <input name="verdict" defaultValue={current.verdict ?? ''} key={`v${current.version}`} maxLength={MAX_VERDICT_LENGTH} placeholder="e.g. False" aria-label="Verdict" />
        </label>
        <label className="cl-field cl-field--wide">
          <span>Reason</span>
          <input
            name="verdictNote"
            defaultValue={current.verdictNote ?? ''}
            key={`n${current.version}`}
            maxLength={MAX_VERDICT_NOTE_LENGTH}
            placeholder="why, in a sentence (exported with the verdict)"
            aria-label="Reason for the verdict"
          />
        </label>
        <button className="btn" type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save'}
        </button>
      </div>
      {state.saved && !state.error && !pending && (
        <p className="muted" role="status" data-testid="claim-saved" style={{ marginTop: '-1rem' }}>
          Saved.
        </p>
      )}
      {state.error && (
        <p className="error-text" role="status" style={{ marginTop: '-1rem' }}>
          {state.error}
        </p>
      )}
    </form>
  );
}
