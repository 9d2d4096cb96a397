import { describe, expect, it } from 'vitest';
import { planSameClaim } from './same-claim-plan';

describe('planSameClaim', () => {
  it('creates a claim from the source span when neither has one', () => {
    expect(planSameClaim({ id: 'a', claimId: null }, { id: 'b', claimId: null })).toEqual({ kind: 'create', fromId: 'a', attachId: 'b' });
  });

  it('attaches the span without a claim to the other one’s claim', () => {
    expect(planSameClaim({ id: 'a', claimId: 'c1' }, { id: 'b', claimId: null })).toEqual({ kind: 'attach', claimId: 'c1', attachId: 'b' });
    expect(planSameClaim({ id: 'a', claimId: null }, { id: 'b', claimId: 'c2' })).toEqual({ kind: 'attach', claimId: 'c2', attachId: 'a' });
  });

  it('does nothing when they already share a claim, and refuses two different claims', () => {
    expect(planSameClaim({ id: 'a', claimId: 'c1' }, { id: 'b', claimId: 'c1' })).toEqual({ kind: 'done', claimId: 'c1' });
    expect(planSameClaim({ id: 'a', claimId: 'c1' }, { id: 'b', claimId: 'c2' })).toEqual({ kind: 'conflict', claimIds: ['c1', 'c2'] });
  });
});
