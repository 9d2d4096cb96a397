import { describe, expect, it } from 'vitest';
import { OffsetIndex } from '@/lib/anchoring/code-points';
import { describeTextRange } from '@/lib/anchoring/describe-text-range';
import { planReanchoring, type StoredSpan } from './plan-reanchoring';

const OLD = 'Albania cut ties with Iran. Tehran denied any involvement in the attack. Officials in Tirana were not surprised. Washington vowed to respond. Markets were calm.';

function span(id: string, quote: string, extra: Partial<StoredSpan> = {}): StoredSpan {
  const start = OLD.indexOf(quote); // ASCII: UTF-16 offsets are code points
  return { id, ...describeTextRange(new OffsetIndex(OLD), start, start + quote.length)!, textHash: 'old', orphaned: false, ...extra };
}

describe('planReanchoring', () => {
  it('keeps, moves, re-places fuzzily and orphans, reading the new quote from the new text', () => {
    const next = 'Albania cut ties with Iran. Tehran rejected any involvement in the attack. Officials in Tirana were not surprised. Markets were calm.';
    const plan = planReanchoring(new OffsetIndex(next), 'new', [
      span('kept', 'Albania cut ties'),
      span('moved', 'Markets were calm.'),
      span('fuzzy', 'Tehran denied any involvement in the attack.'),
      span('gone', 'Washington vowed to respond.'),
      span('lost', 'Washington vowed', { orphaned: true, textHash: 'older' }),
    ]);
    const byId = Object.fromEntries(plan.map((p) => [p.id, p]));
    expect(byId.kept).toMatchObject({ outcome: 'kept', update: { textHash: 'new', anchorScore: 1 } });
    // Its prefix was the deleted sentence: placed on the quote and its suffix (the end of the text).
    expect(byId.moved).toMatchObject({ outcome: 'reanchored', update: { start: next.indexOf('Markets'), exact: 'Markets were calm.', anchorScore: 0.7777, orphaned: false } });
    expect(byId.fuzzy).toMatchObject({ outcome: 'reanchored', update: { exact: 'Tehran rejected any involvement in the attack.', textHash: 'new' } });
    expect((byId.fuzzy.update as { anchorScore: number }).anchorScore).toBeLessThan(1);
    expect(byId.gone).toEqual({ id: 'gone', outcome: 'orphaned', update: { orphaned: true, anchorScore: 0 } });
    expect(byId.lost).toMatchObject({ outcome: 'still-orphaned' });
  });

  it('places an orphan again when its words come back', () => {
    const plan = planReanchoring(new OffsetIndex(OLD), 'old', [span('back', 'Washington vowed to respond.', { orphaned: true })]);
    expect(plan[0]).toMatchObject({ outcome: 'reanchored', update: { orphaned: false, anchorScore: 1, exact: 'Washington vowed to respond.' } });
  });
});
