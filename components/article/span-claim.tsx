'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { ClaimDto } from '@/lib/claims/dto';
import { attachToClaim, createClaimFromSpan, detachFromClaim } from '@/lib/cross-source/api-client';
import { shortQuote } from './link-kinds';

type SpanClaimProps = {
  annotation: AnnotationDto;
  projectId: string;
  claimId: string | null;
  /** The project's claims; null until loaded. */
  claims: ClaimDto[] | null;
  canAnnotate: boolean;
  /** Taking someone else's span out of a claim asks first: the rest of their span is read-only here. */
  currentUserId: string;
  onRefreshClaims: () => void;
  /** The span's claim changed here; `claim` is its fresh DTO when there is one. */
  onChanged: (claimId: string | null, claim?: ClaimDto) => void;
  onMessage: (text: string, kind: 'info' | 'error') => void;
};

/**
 * The open span's claim: its wording with a link to the claim page, or the
 * ways to give it one (a new claim worded after the span, or an existing
 * claim of the project). A span belongs to at most one claim.
 */
export function SpanClaim({ annotation: a, projectId, claimId, claims, canAnnotate, currentUserId, onRefreshClaims, onChanged, onMessage }: SpanClaimProps) {
  const [picking, setPicking] = useState(false);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const claim = claimId ? claims?.find((c) => c.id === claimId) : undefined;

  const run = async <T,>(call: () => Promise<{ ok: true; data: T } | { ok: false; message: string }>, done: (data: T) => void) => {
    setBusy(true);
    const res = await call();
    setBusy(false);
    if (res.ok) done(res.data);
    else onMessage(res.message, 'error');
  };

  const newClaim = () =>
    run(
      () => createClaimFromSpan(projectId, a.id),
      (made) => {
        onChanged(made.id, made);
        onMessage('New claim made from this span.', 'info');
      },
    );

  const addTo = (id: string) =>
    run(
      () => attachToClaim(id, a.id),
      (updated) => {
        setPicking(false);
        onChanged(updated.id, updated);
        onMessage('Span added to the claim.', 'info');
      },
    );

  const remove = (id: string) => {
    if (a.author.id !== currentUserId && !window.confirm(`This span is ${a.author.name}'s. Take it out of the claim?`)) return;
    return run(
      () => detachFromClaim(id, a.id),
      () => {
        onChanged(null);
        onRefreshClaims(); // its span and outlet counts changed
        onMessage('Span removed from the claim.', 'info');
      },
    );
  };

  return (
    <section className="span-claim" aria-label="Claim" data-testid="span-claim" data-claim-id={claimId ?? undefined}>
      {/* h2: the popover sits under the article's h1, and headings must not skip a level. */}
      <h2 className="span-popover__section-title">Claim</h2>
      {claimId ? (
        <div className="span-claim__current">
          <Link href={`/claims/${encodeURIComponent(claimId)}`} className="span-claim__text">
            {claim ? shortQuote(claim.text, 140) : 'Open the claim'}
          </Link>
          {canAnnotate && (
            <button type="button" className="btn-small" disabled={busy} onClick={() => void remove(claimId)}>
              Remove from claim
            </button>
          )}
        </div>
      ) : !canAnnotate ? (
        <p className="span-popover__hint">Not part of a claim.</p>
      ) : picking ? (
        <form
          className="span-claim__pick"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) void addTo(choice);
          }}
        >
          <label className="span-popover__field">
            <span>Claim</span>
            <select aria-label="Claim to add to" value={choice} onChange={(e) => setChoice(e.target.value)} required>
              <option value="">{claims === null ? 'Loading claims…' : claims.length === 0 ? 'No claims yet' : 'Choose a claim'}</option>
              {claims?.map((c) => (
                <option key={c.id} value={c.id}>
                  {shortQuote(c.text, 80)} ({c.spanCount})
                </option>
              ))}
            </select>
          </label>
          <div className="span-popover__row">
            <button type="submit" className="btn-small btn-small--primary" disabled={busy || !choice}>
              Add
            </button>
            <button type="button" className="btn-small" onClick={() => setPicking(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="span-popover__row">
          <button type="button" className="btn-small" disabled={busy} onClick={() => void newClaim()}>
            New claim from span
          </button>
          <button
            type="button"
            className="btn-small"
            disabled={busy}
            onClick={() => {
              onRefreshClaims();
              setPicking(true);
            }}
          >
            Add to claim…
          </button>
        </div>
      )}
    </section>
  );
}
