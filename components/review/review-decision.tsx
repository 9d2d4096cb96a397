import type { ReviewStatus } from '@/lib/annotations/dto';
import { utcTime } from '@/components/utc-time';

/** What a queue item needs to say how it was decided: the latest decision, as spans and links in the queue carry it. */
export type Decided = {
  status: ReviewStatus;
  reviewedBy?: { id: string; name: string } | null;
  reviewedAt?: string | null;
  reviewComment?: string | null;
};

/**
 * "Rejected by Rita · 2026-08-01 14:03:59 UTC: reason" under a decided item,
 * so a filtered queue (approved, rejected) answers who, when and why without
 * opening each item's history. Nothing for a pending item.
 */
export function ReviewDecision({ item }: { item: Decided }) {
  if (item.status === 'pending') return null;
  return (
    <p className="rq-decision" data-testid="queue-decision">
      {item.status === 'approved' ? 'Approved' : 'Rejected'}
      {item.reviewedBy && ` by ${item.reviewedBy.name}`}
      {item.reviewedAt && (
        <>
          {' · '}
          <time dateTime={item.reviewedAt}>{utcTime(item.reviewedAt)} UTC</time>
        </>
      )}
      {item.reviewComment && `: ${item.reviewComment}`}
    </p>
  );
}
