'use client';
import { useActionState, useState } from 'react';
import { createTokenAction, revokeTokenAction, type CreateTokenState, type RevokeTokenState } from '@/lib/tokens/actions';
import { MAX_TOKEN_NAME_LENGTH } from '@/lib/tokens/schema';

/** Names a new token; the secret is shown here once, with a copy button, and never again. */
export function CreateTokenForm() {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, {});
  const [copied, setCopied] = useState(false);
  return (
    <section aria-label="New token" className="token-new">
      <form action={action} className="token-new__form" onSubmit={() => setCopied(false)}>
        <label>
          Name <input name="name" required maxLength={MAX_TOKEN_NAME_LENGTH} placeholder="e.g. nightly export" />
        </label>
        <button className="btn primary" type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {state.error && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
      {state.created && (
        <div className="token-new__secret">
          <p role="status">
            Token “{state.created.name}” created. Copy it now: it is not shown again.
          </p>
          <output aria-label="Token secret">{state.created.token}</output>{' '}
          <button
            className="btn"
            type="button"
            onClick={() => void navigator.clipboard.writeText(state.created!.token).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
    </section>
  );
}

/** Revokes a token after asking; scripts using it get 401 from then on. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action, pending] = useActionState<RevokeTokenState, FormData>(revokeTokenAction, {});
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(`Revoke “${name}”? Scripts that use it will be refused.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <button className="btn" type="submit" disabled={pending} aria-label={`Revoke “${name}”`}>
        Revoke
      </button>
      {state.error && <span className="error-text"> {state.error}</span>}
    </form>
  );
}
