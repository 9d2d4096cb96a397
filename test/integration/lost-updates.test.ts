import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { updateAnnotation } from '@/lib/annotations/update-annotation';
import { reviewAnnotation } from '@/lib/review/review-annotation';
import { AppError } from '@/lib/errors';
import { as } from '../app-error';
import { makeTeam, testDb } from '../factories';

describe('no lost updates', () => {
  it('1,000 randomised concurrent edits and reviews: every acknowledged write counts, losers get 409, nothing is silently overwritten', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it. Microsoft blamed Iranian hackers. NATO condemned it.');
    const spans = await Promise.all(
      [[0, 26], [28, 44], [46, 78], [80, 97]].map(([start, end]) => createAnnotation(as(team.analyst), team.article.id, { start, end, label: 'assertion' })),
    );
    // Each operation names a span, an actor, and the version it believes current (often stale).
    const ops = fc.sample(
      fc.record({ span: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom('edit', 'approve', 'reject'), guess: fc.integer({ min: 1, max: 40 }), note: fc.string({ maxLength: 20 }) }),
      { numRuns: 1000, seed: 42 },
    );
    const results = await Promise.allSettled(
      ops.map((op) => {
        const id = spans[op.span].id;
        if (op.kind === 'edit') return updateAnnotation(as(team.admin), id, { note: op.note, version: op.guess });
        return reviewAnnotation(as(team.reviewer), id, op.kind === 'approve' ? { decision: 'approve', version: op.guess } : { decision: 'reject', comment: 'no', version: op.guess });
      }),
    );
    const wins = new Map<string, number>();
    for (const [i, r] of results.entries()) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(AppError);
        expect((r.reason as AppError).code).toBe('CONFLICT');
      } else {
        const id = spans[ops[i].span].id;
        wins.set(id, (wins.get(id) ?? 0) + 1);
      }
    }
    for (const span of spans) {
      const row = await testDb().annotation.findUniqueOrThrow({ where: { id: span.id } });
      const won = wins.get(span.id) ?? 0;
      // Every acknowledged write moved the version by exactly one, and left exactly one audit event.
      expect(row.version).toBe(1 + won);
      const events = await testDb().auditEvent.count({ where: { objectId: span.id, action: { in: ['annotation.update', 'annotation.review'] } } });
      expect(events).toBe(won);
    }
    expect([...wins.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
