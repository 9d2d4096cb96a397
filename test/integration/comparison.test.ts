import { describe, expect, it, vi } from 'vitest';

// Route handlers run as in Next, with the caller set by the test (test/stub-caller.ts).
vi.mock('@/lib/auth/caller', () => import('../stub-caller'));
import { auth } from '../stub-caller';

import * as comparisonRoute from '@/app/api/v1/articles/[articleId]/comparison/route';
import * as decisionsRoute from '@/app/api/v1/articles/[articleId]/comparison/decisions/route';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { updateAnnotation } from '@/lib/annotations/update-annotation';
import { getArticle } from '@/lib/articles/get-article';
import { listObjectHistory } from '@/lib/audit/list-events';
import { updateProjectSettings } from '@/lib/projects/update-settings';
import { decideComparison } from '@/lib/review/decide-comparison';
import { getComparison } from '@/lib/review/get-comparison';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { as, expectAppError } from '../app-error';
import { addMember, makeArticle, makeTeam, testDb } from '../factories';

const TEXT = 'Albania cut ties with Iran. Tehran denied the accusation. Microsoft found Iranian hackers.';
const range = (needle: string) => {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
  return { start, end: start + Array.from(needle).length };
};

/**
 * An independent-annotation project where analyst A ("Analyst") and analyst B
 * ("Analyst Two") tagged one article: an exact pair, a partial pair and a
 * span of A's alone.
 */
async function setup() {
  const team = await makeTeam(TEXT);
  await updateProjectSettings(as(team.admin), team.project.id, { independentAnnotation: true });
  const tag = (user: typeof team.analyst, needle: string, label: 'assertion' | 'denial' | 'evidence') =>
    createAnnotation(as(user), team.article.id, { ...range(needle), label });
  const spans = {
    aExact: await tag(team.analyst, 'Albania cut ties with Iran', 'assertion'),
    bExact: await tag(team.analyst2, 'Albania cut ties with Iran', 'assertion'),
    aPartial: await tag(team.analyst, 'Tehran denied the accusation', 'denial'),
    bPartial: await tag(team.analyst2, 'Tehran denied', 'denial'),
    aAlone: await tag(team.analyst, 'Microsoft found Iranian hackers', 'evidence'),
  };
  const decide = (user: typeof team.reviewer, a: AnnotationDto | null, b: AnnotationDto | null, accept: 'a' | 'b' | 'both' | 'neither', comment?: string) =>
    decideComparison(as(user), team.article.id, {
      analystA: team.analyst.id,
      analystB: team.analyst2.id,
      a: a && { id: a.id, version: a.version },
      b: b && { id: b.id, version: b.version },
      accept,
      ...(comment && { comment }),
    });
  return { team, spans, decide };
}

const row = (id: string) => testDb().annotation.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, reviewComment: true, reviewedById: true } });

describe('comparison view', () => {
  it('pairs the two analysts’ spans (exact, partial, alone) with their kappa on the article; reviewers only', async () => {
    const { team, spans } = await setup();
    const view = await getComparison(team.reviewer.id, team.article.id, {});
    expect(view.analysts.map((x) => [x.name, x.spans])).toEqual([
      ['Analyst', 3],
      ['Analyst Two', 2],
    ]);
    expect([view.a?.id, view.b?.id]).toEqual([team.analyst.id, team.analyst2.id]);
    expect(view.items.map((i) => [i.kind, i.a?.id ?? null, i.b?.id ?? null])).toEqual([
      ['exact', spans.aExact.id, spans.bExact.id],
      ['partial', spans.aPartial.id, spans.bPartial.id],
      ['only-a', spans.aAlone.id, null],
    ]);
    expect(view.agreement).toMatchObject({ exact: 1, partial: 1, onlyA: 1, onlyB: 0 });
    expect(view.agreement!.overall.kappa).toBeGreaterThan(0);
    expect(view.agreement!.overall.kappa).toBeLessThan(1);
    expect(view.opened).toBeNull();
    // Swapping the columns swaps the sides.
    const swapped = await getComparison(team.reviewer.id, team.article.id, { a: team.analyst2.id, b: team.analyst.id });
    expect(swapped.items[0]).toMatchObject({ kind: 'exact', a: { id: spans.bExact.id }, b: { id: spans.aExact.id } });

    auth.caller = as(team.analyst);
    const path = `/api/v1/articles/${team.article.id}/comparison`;
    const params = { articleId: team.article.id };
    expect((await comparisonRoute.GET(new Request(`http://localhost${path}`), { params: Promise.resolve(params) })).status).toBe(403);
    auth.caller = as(team.outsider);
    expect((await comparisonRoute.GET(new Request(`http://localhost${path}`), { params: Promise.resolve(params) })).status).toBe(404);
    auth.caller = as(team.admin);
    const res = await comparisonRoute.GET(new Request(`http://localhost${path}?a=${team.analyst2.id}`), { params: Promise.resolve(params) });
    expect(res.status).toBe(200);
    expect((await res.json()).a.id).toBe(team.analyst2.id);
  });

  it("accept A approves A's span and rejects B's with a default comment naming A; the analysts then see the decision", async () => {
    const { team, spans, decide } = await setup();
    const result = await decide(team.reviewer, spans.aExact, spans.bExact, 'a');
    expect(result.a).toMatchObject({ id: spans.aExact.id, status: 'approved', version: 2, reviewComment: null });
    expect(result.b).toMatchObject({ id: spans.bExact.id, status: 'rejected', version: 2, reviewComment: 'Not accepted in comparison with Analyst' });
    expect(await row(spans.bExact.id)).toMatchObject({ status: 'REJECTED', reviewedById: team.reviewer.id });
    // Each decision is in the span's history, as any review is.
    const history = await listObjectHistory(team.analyst2.id, 'annotation', spans.bExact.id);
    expect(history.at(-1)).toMatchObject({
      action: 'annotation.review',
      actor: { id: team.reviewer.id },
      before: { status: 'pending', version: 1 },
      after: { status: 'rejected', version: 2, comment: 'Not accepted in comparison with Analyst', exact: spans.bExact.exact, comparison: { accept: 'a', side: 'b', otherSpanId: spans.aExact.id } },
    });
    // Deciding opened the article: B now sees A's approved span next to their rejected one.
    expect(result.opened.by).toEqual({ id: team.reviewer.id, name: team.reviewer.name });
    const seen = (await getArticle(team.analyst2.id, team.article.id)).annotations;
    expect(seen.find((x) => x.id === spans.aExact.id)?.status).toBe('approved');
    expect(seen.find((x) => x.id === spans.bExact.id)?.status).toBe('rejected');
    expect(await testDb().auditEvent.count({ where: { action: 'article.compare', objectId: team.article.id } })).toBe(1);
  });

  it('accept B is the mirror image; both approves both; neither rejects both, each naming the other analyst, or with the typed comment', async () => {
    const { team, spans, decide } = await setup();
    const b = await decide(team.reviewer, spans.aPartial, spans.bPartial, 'b');
    expect([b.a?.status, b.a?.reviewComment, b.b?.status]).toEqual(['rejected', 'Not accepted in comparison with Analyst Two', 'approved']);

    const both = await decide(team.admin, spans.aExact, spans.bExact, 'both');
    expect([both.a?.status, both.b?.status]).toEqual(['approved', 'approved']);

    // A reviewer may change their mind: versions move on, so they send the new ones.
    const neither = await decide(team.reviewer, both.a, both.b, 'neither');
    expect([neither.a?.status, neither.a?.reviewComment]).toEqual(['rejected', 'Not accepted in comparison with Analyst Two']);
    expect([neither.b?.status, neither.b?.reviewComment]).toEqual(['rejected', 'Not accepted in comparison with Analyst']);
    expect(neither.a?.version).toBe(3);

    const typed = await decide(team.reviewer, spans.aAlone, null, 'neither', 'A finding, not a claim');
    expect(typed).toMatchObject({ a: { status: 'rejected', reviewComment: 'A finding, not a claim' }, b: null });
    const accepted = await decide(team.reviewer, typed.a, null, 'both');
    expect(accepted.a?.status).toBe('approved');
  });

  it('a stale version of either span answers 409 and decides nothing', async () => {
    const { team, spans, decide } = await setup();
    // Spans are decided in id order: make the second one stale, so the first is
    // written before the conflict shows and must be rolled back.
    const [first, second] = [spans.aExact, spans.bExact].sort((x, y) => (x.id < y.id ? -1 : 1));
    const authorOf = (span: AnnotationDto) => (span.id === spans.aExact.id ? team.analyst : team.analyst2);
    // Its author edits it after the reviewer loaded the comparison: it is at version 2 now.
    await updateAnnotation(as(authorOf(second!)), second!.id, { note: 'boundary checked', version: 1 });
    await expectAppError(decide(team.reviewer, spans.aExact, spans.bExact, 'a'), 'CONFLICT');
    expect(await row(first!.id)).toMatchObject({ status: 'PENDING', version: 1, reviewedById: null });
    expect(await row(second!.id)).toMatchObject({ status: 'PENDING', version: 2 });
    expect(await testDb().auditEvent.count({ where: { action: 'annotation.review', objectId: { in: [spans.aExact.id, spans.bExact.id] } } })).toBe(0);
    expect(await testDb().articleComparison.count({ where: { articleId: team.article.id } })).toBe(0);

    // Through the API: 409 with the error body.
    auth.caller = as(team.reviewer);
    const res = await decisionsRoute.POST(
      new Request(`http://localhost/api/v1/articles/${team.article.id}/comparison/decisions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ analystA: team.analyst.id, analystB: team.analyst2.id, a: { id: spans.aExact.id, version: 1 }, b: { id: spans.bExact.id, version: 1 }, accept: 'both' }),
      }),
      { params: Promise.resolve({ articleId: team.article.id }) },
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('CONFLICT');
  });

  it('of two reviewers deciding the same pair at once, exactly one decision is recorded', async () => {
    const { team, spans, decide } = await setup();
    const results = await Promise.allSettled([decide(team.reviewer, spans.aExact, spans.bExact, 'a'), decide(team.admin, spans.aExact, spans.bExact, 'b')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof decide>>>).value;
    expect(await row(spans.aExact.id)).toMatchObject({ status: winner.a!.status.toUpperCase(), version: 2 });
    expect(await row(spans.bExact.id)).toMatchObject({ status: winner.b!.status.toUpperCase(), version: 2 });
    expect(await testDb().auditEvent.count({ where: { action: 'annotation.review', objectId: { in: [spans.aExact.id, spans.bExact.id] } } })).toBe(2);
  });

  it('follows the review rules: no analysts, nobody on their own span, spans must be the named analysts’ on this article', async () => {
    const { team, spans, decide } = await setup();
    await expectAppError(decide(team.analyst2, spans.aExact, spans.bExact, 'a'), 'FORBIDDEN');
    await expectAppError(decide(team.outsider, spans.aExact, spans.bExact, 'a'), 'NOT_FOUND');
    // An admin who also annotated cannot decide a pair that includes their own span.
    await addMember(team.admin.id, team.project.id, 'ANALYST');
    const adminSpan = await createAnnotation(as(team.admin), team.article.id, { ...range('Microsoft found Iranian hackers'), label: 'evidence' });
    await expectAppError(
      decideComparison(as(team.admin), team.article.id, {
        analystA: team.analyst.id,
        analystB: team.admin.id,
        a: { id: spans.aAlone.id, version: 1 },
        b: { id: adminSpan.id, version: 1 },
        accept: 'a',
      }),
      'FORBIDDEN',
    );
    expect(await row(spans.aAlone.id)).toMatchObject({ status: 'PENDING', version: 1 });
    // B's span sent as A's is refused.
    await expectAppError(decide(team.reviewer, spans.bPartial, null, 'a'), 'BAD_REQUEST');
    // A span of another article is not found here.
    const second = await makeArticle(team.project.id, { text: 'Another article.' });
    await expectAppError(
      decideComparison(as(team.reviewer), second.id, { analystA: team.analyst.id, analystB: team.analyst2.id, a: { id: spans.aExact.id, version: 1 }, accept: 'a' }),
      'NOT_FOUND',
    );
    expect(await testDb().auditEvent.count({ where: { action: 'annotation.review', objectId: { in: Object.values(spans).map((s) => s.id) } } })).toBe(0);
  });

  it('pairs the same words tagged differently as a conflict, as Agreement counts them, and decides it like any pair', async () => {
    const { team, spans, decide } = await setup();
    const bConflict = await createAnnotation(as(team.analyst2), team.article.id, { ...range('Microsoft found Iranian hackers'), label: 'assertion' });
    const view = await getComparison(team.reviewer.id, team.article.id, {});
    expect(view.items.at(-1)).toMatchObject({ kind: 'tag', a: { id: spans.aAlone.id, label: 'evidence' }, b: { id: bConflict.id, label: 'assertion' } });
    expect(view.agreement).toMatchObject({ exact: 1, partial: 1, tagDiffers: 1, onlyA: 0, onlyB: 0 });
    await decide(team.reviewer, spans.aAlone, bConflict, 'a');
    expect((await row(spans.aAlone.id)).status).toBe('APPROVED');
    expect((await row(bConflict.id)).status).toBe('REJECTED');
  });
});
