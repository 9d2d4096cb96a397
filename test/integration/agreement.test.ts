import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { getAgreement } from '@/lib/agreement/get-agreement';
import { AppError } from '@/lib/errors';
import { makeTeam } from '../factories';

const as = (u: { id: string; name: string; email: string }) => ({ ...u, via: 'token' as const });

describe('agreement', () => {
  it('computes kappa per pair of analysts from their spans and lists the spans that do not match', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it. Microsoft blamed Iranian hackers.');
    // Both tag the assertion the same way; they disagree on the denial's tag; only one tags the evidence.
    await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 26, label: 'assertion' });
    await createAnnotation(as(team.analyst2), team.article.id, { start: 0, end: 26, label: 'assertion' });
    const d1 = await createAnnotation(as(team.analyst), team.article.id, { start: 28, end: 44, label: 'denial' });
    await createAnnotation(as(team.analyst2), team.article.id, { start: 28, end: 44, label: 'evidence' });
    const e1 = await createAnnotation(as(team.analyst), team.article.id, { start: 46, end: 78, label: 'evidence' });

    const report = await getAgreement(team.reviewer.id, team.project.id);
    expect(report.pairs).toHaveLength(1);
    const [pair] = report.pairs;
    expect(pair.items).toBe(Array.from('Albania cut ties with Iran. Tehran denied it. Microsoft blamed Iranian hackers.').length);
    expect(pair.perLabel.assertion.kappa).toBe(1);
    expect(pair.overall.kappa).toBeGreaterThan(0);
    expect(pair.overall.kappa).toBeLessThan(1);
    // Alpha is defined for two analysts as well: every character a unit with both their codes.
    expect(report.alpha).toEqual({ alpha: expect.any(Number), n: 2 * pair.items });
    expect(report.alpha!.alpha).toBeLessThan(1);
    const reasons = Object.fromEntries(pair.mismatches.filter((m) => m.annotator === team.analyst.id).map((m) => [m.spanId, m.reason]));
    expect(reasons[d1.id]).toBe('label differs');
    expect(reasons[e1.id]).toBe('unmatched');
    expect(report.names[team.analyst.id]).toBe('Analyst');
    // What differs is quoted, for every mismatched span and no other.
    expect(report.quotes[d1.id]).toBe('Tehran denied it');
    expect(report.quotes[e1.id]).toBe('Microsoft blamed Iranian hackers');
    expect(Object.keys(report.quotes).sort()).toEqual([...new Set(pair.mismatches.map((m) => m.spanId))].sort());
  });

  it('is for reviewers and admins only', async () => {
    const team = await makeTeam();
    await expect(getAgreement(team.analyst.id, team.project.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getAgreement(team.outsider.id, team.project.id)).rejects.toBeInstanceOf(AppError);
  });
});
