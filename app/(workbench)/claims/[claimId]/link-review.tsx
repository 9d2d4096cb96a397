'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ReviewControls } from '@/components/review/review-controls';
import { STATUS_NAMES } from '@/lib/annotations/labels';
import type { LinkDto } from '@/lib/links/dto';
import { reviewLink } from '@/lib/review/api-client';

/**
 * A link's status on the claim page, with Approve / Reject… for a reviewer
 * who did not make it. After a decision (or a 409: someone decided first)
 * the page is read again, so its counts and history follow.
 */
export function LinkReview({ link, canDecide }: { link: Pick<LinkDto, 'id' | 'version' | 'status'>; canDecide: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <span className={`status ${link.status}`}>{STATUS_NAMES[link.status]}</span>
      {canDecide && (
        <ReviewControls
          subject="link"
          status={link.status}
          onDecide={async (decision, comment) => {
            const res = await reviewLink(link.id, { decision, version: link.version, ...(comment ? { comment } : {}) });
            setError(res.ok ? null : res.status === 409 ? 'This link changed since the page loaded; reloaded. Look again and decide.' : res.message);
            router.refresh();
            return res.ok;
          }}
        />
      )}
      {error && (
        <p role="alert" className="muted">
          {error}
        </p>
      )}
    </>
  );
}
