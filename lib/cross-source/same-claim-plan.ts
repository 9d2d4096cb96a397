/**
 * "Put both in the same claim" for two linked spans: what to do given the
 * claim each already belongs to (a span belongs to at most one claim).
 *   neither has one  → a new claim worded after `source`, then attach `other`;
 *   one has one      → attach the other span to it;
 *   both, the same   → nothing to do;
 *   both, different  → refuse: moving a span between claims is a decision
 *                      for the claim page, not a side effect of linking.
 */
export type SameClaimPlan =
  | { kind: 'create'; fromId: string; attachId: string }
  | { kind: 'attach'; claimId: string; attachId: string }
  | { kind: 'done'; claimId: string }
  | { kind: 'conflict'; claimIds: [string, string] };

type End = { id: string; claimId: string | null };

export function planSameClaim(source: End, other: End): SameClaimPlan {
  if (source.claimId && other.claimId) {
    return source.claimId === other.claimId
      ? { kind: 'done', claimId: source.claimId }
      : { kind: 'conflict', claimIds: [source.claimId, other.claimId] };
  }
  if (source.claimId) return { kind: 'attach', claimId: source.claimId, attachId: other.id };
  if (other.claimId) return { kind: 'attach', claimId: other.claimId, attachId: source.id };
  return { kind: 'create', fromId: source.id, attachId: other.id };
}
