'use client';
import { useState } from 'react';
import './review-controls.css';
import { reasonKeys } from './reason-keys';
import type { ReviewStatus } from '@/lib/annotations/dto';

type ReviewControlsProps = {
  /** What is decided on, for the buttons' accessible names ("span", "link to …"). */
  subject: string;
  status: ReviewStatus;
  busy?: boolean;
  /** Resolves true once the decision is stored (the caller reports failures). */
  onDecide: (decision: 'approve' | 'reject', comment?: string) => Promise<boolean>;
};

/**
 * Approve / Reject… for one span or link, where a reviewer meets it (the
 * reader's popover, a link's row, a claim). A rejection asks why, as the
 * API requires; Enter sends it, Shift+Enter starts a new line, Escape
 * cancels. A decision may be changed later: the button for the current
 * status is simply not offered.
 */
export function ReviewControls({ subject, status, busy = false, onDecide }: ReviewControlsProps) {
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const disabled = busy || sending;

  const decide = async (decision: 'approve' | 'reject', why?: string) => {
    setSending(true);
    const done = await onDecide(decision, why);
    setSending(false);
    if (done) {
      setRejecting(false);
      setComment('');
    }
  };

  return (
    <div className="review-controls" data-testid="review-controls">
      {!rejecting && (
        <>
          {status !== 'approved' && (
            <button type="button" className="btn-small" aria-label={`Approve ${subject}`} disabled={disabled} onClick={() => void decide('approve')}>
              Approve
            </button>
          )}
          {status !== 'rejected' && (
            <button type="button" className="btn-small" aria-label={`Reject ${subject}…`} disabled={disabled} onClick={() => setRejecting(true)}>
              Reject…
            </button>
          )}
        </>
      )}
      {rejecting && (
        <form
          className="review-controls__reject"
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim()) void decide('reject', comment.trim());
          }}
        >
          <label>
            <span>Why reject?</span>
            <textarea
              autoFocus
              rows={2}
              maxLength={2000}
              value={comment}
              required
              onChange={(e) => setComment(e.target.value)}
              onKeyDown={reasonKeys(() => setRejecting(false))}
            />
          </label>
          <button type="submit" className="btn-small" disabled={disabled || !comment.trim()}>
            Reject
          </button>
          <button type="button" className="btn-small" disabled={sending} onClick={() => setRejecting(false)}>
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
