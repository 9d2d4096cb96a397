import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { deleteAnnotation } from '@/lib/annotations/delete-annotation';
import { updateAnnotation } from '@/lib/annotations/update-annotation';
import { createLink } from '@/lib/links/create-link';
import { listLinks } from '@/lib/links/list-links';
import { deleteLink } from '@/lib/links/delete-link';
import { createClaim } from '@/lib/claims/create-claim';
import { renameClaim } from '@/lib/claims/rename-claim';
import { attachSpan } from '@/lib/claims/attach-span';
import { detachSpan } from '@/lib/claims/detach-span';
import { getClaim } from '@/lib/claims/get-claim';
import { deleteClaim } from '@/lib/claims/delete-claim';
import { listObjectHistory } from '@/lib/audit/list-events';
import { listClaims } from '@/lib/claims/list-claims';
import { getMatrix } from '@/lib/claims/get-matrix';
import { AppError } from '@/lib/errors';
import type { Caller } from '@/lib/auth/caller';
import type { Label } from '@/lib/annotations/dto';
import { makeArticle, makeTeam, testDb } from '../factories';
import { as, expectAppError } from '../app-error';



/** Tags `needle` (first occurrence) in an article as `label`. */
async function tag(caller: Caller, article: { id: string; text: string }, needle: string, label: Label = 'assertion', speaker?: string) {
  const unit = article.text.indexOf(needle);
  if (unit < 0) throw new Error(`"${needle}" not in article`);
  const start = Array.from(article.text.slice(0, unit)).length;
  return createAnnotation(caller, article.id, { start, end: start + Array.from(needle).length, label, speaker });
}

const A_TEXT = 'Albania cut diplomatic ties with Iran. Prime Minister Edi Rama blamed Tehran for the cyberattack.';
const B_TEXT = 'Iran denied any role in the attack on Albania. 🇮🇷 Officials called the claims baseless.';
const C_TEXT = 'Microsoft found Iranian state hackers behind the July attack. The evidence was technical.';

async function setup() {
  const team = await makeTeam(A_TEXT);
  const a = { id: team.article.id, text: team.article.text };
  const b = await makeArticle(team.project.id, { text: B_TEXT, outlet: 'Tehran Times', title: 'Iran denies' });
  const c = await makeArticle(team.project.id, { text: C_TEXT, outlet: null, title: 'Microsoft report' });
  return { team, a, b, c };
}

describe('links between spans', () => {
  it('links two spans across articles, with author, pending status, version and both ends summarised', async () => {
    const { team, a, b } = await setup();
    const blame = await tag(as(team.analyst), a, 'Edi Rama blamed Tehran for the cyberattack', 'assertion', 'Edi Rama');
    const deny = await tag(as(team.analyst2), b, 'Iran denied any role in the attack on Albania', 'denial');
    const link = await createLink(as(team.analyst), { fromAnnotationId: blame.id, toAnnotationId: deny.id, kind: 'contradicts' });
    expect(link).toMatchObject({
      projectId: team.project.id,
      kind: 'contradicts',
      status: 'pending',
      version: 1,
      author: { id: team.analyst.id, name: 'Analyst' },
      from: { id: blame.id, articleId: a.id, outlet: 'Test Outlet', label: 'assertion', exact: blame.exact, start: blame.start, end: blame.end },
      to: { id: deny.id, articleId: b.id, articleTitle: 'Iran denies', outlet: 'Tehran Times', label: 'denial' },
    });
    expect(Date.parse(link.createdAt)).not.toBeNaN();
    const forSpan = await listLinks(as(team.reviewer), { annotationId: deny.id });
    expect(forSpan.map((l) => l.id)).toEqual([link.id]);
    const forProject = await listLinks(as(team.reviewer), { projectId: team.project.id });
    expect(forProject.map((l) => l.id)).toEqual([link.id]);
  });

  it('allows a link inside one article', async () => {
    const { team, a } = await setup();
    const cut = await tag(as(team.analyst), a, 'Albania cut diplomatic ties with Iran', 'evidence');
    const blame = await tag(as(team.analyst), a, 'blamed Tehran');
    const link = await createLink(as(team.analyst), { fromAnnotationId: cut.id, toAnnotationId: blame.id, kind: 'corroborates' });
    expect(link.from.articleId).toBe(link.to.articleId);
  });

  it('refuses a span linked to itself (400) and the same pair twice in either direction (409), storing nothing more', async () => {
    const { team, a, b } = await setup();
    const x = await tag(as(team.analyst), a, 'blamed Tehran');
    const y = await tag(as(team.analyst), b, 'Iran denied');
    const self = await expectAppError(createLink(as(team.analyst), { fromAnnotationId: x.id, toAnnotationId: x.id, kind: 'corroborates' }), 'BAD_REQUEST');
    expect(self.fields).toHaveProperty('toAnnotationId');
    await createLink(as(team.analyst), { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'contradicts' });
    await expectAppError(createLink(as(team.analyst2), { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'contradicts' }), 'CONFLICT');
    await expectAppError(createLink(as(team.analyst2), { fromAnnotationId: y.id, toAnnotationId: x.id, kind: 'corroborates' }), 'CONFLICT');
    expect(await testDb().link.count({ where: { projectId: team.project.id } })).toBe(1);
  });

  it('lets the database refuse a reversed duplicate even when the check is raced', async () => {
    const { team, a, b } = await setup();
    const x = await tag(as(team.analyst), a, 'blamed Tehran');
    const y = await tag(as(team.analyst), b, 'Iran denied');
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        createLink(as(team.analyst), i % 2 ? { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'contradicts' } : { fromAnnotationId: y.id, toAnnotationId: x.id, kind: 'contradicts' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('CONFLICT');
    expect(await testDb().link.count({ where: { projectId: team.project.id } })).toBe(1);
  });

  it('refuses spans of two projects (400) and answers 404 for spans the caller cannot see, storing nothing', async () => {
    const { team, a } = await setup();
    const mine = await tag(as(team.analyst), a, 'blamed Tehran');
    // The analyst also belongs to the other project, so both spans are visible to them.
    await testDb().membership.create({ data: { userId: team.analyst.id, projectId: team.otherProject.id, role: 'ANALYST' } });
    const theirs = await createAnnotation(as(team.outsider), team.otherArticle.id, { start: 0, end: 5, label: 'assertion' });
    const cross = await expectAppError(createLink(as(team.analyst), { fromAnnotationId: mine.id, toAnnotationId: theirs.id, kind: 'corroborates' }), 'BAD_REQUEST');
    expect(cross.message).toMatch(/different projects/);
    // The outsider sees only their own project: the other span is "not found".
    await expectAppError(createLink(as(team.outsider), { fromAnnotationId: theirs.id, toAnnotationId: mine.id, kind: 'corroborates' }), 'NOT_FOUND');
    await expectAppError(listLinks(as(team.outsider), { annotationId: mine.id }), 'NOT_FOUND');
    await expectAppError(listLinks(as(team.outsider), { projectId: team.project.id }), 'NOT_FOUND');
    expect(await testDb().link.count({ where: { OR: [{ projectId: team.project.id }, { projectId: team.otherProject.id }] } })).toBe(0);
  });

  it('answers 404 for a deleted span and 403 for a reviewer', async () => {
    const { team, a, b } = await setup();
    const x = await tag(as(team.analyst), a, 'blamed Tehran');
    const y = await tag(as(team.analyst), b, 'Iran denied');
    await expectAppError(createLink(as(team.reviewer), { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'corroborates' }), 'FORBIDDEN');
    await deleteAnnotation(as(team.analyst), y.id);
    await expectAppError(createLink(as(team.analyst), { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'corroborates' }), 'NOT_FOUND');
    expect(await testDb().link.count({ where: { projectId: team.project.id } })).toBe(0);
  });

  it('deleting a span removes its links and reports how many', async () => {
    const { team, a, b, c } = await setup();
    const x = await tag(as(team.analyst), a, 'blamed Tehran');
    const y = await tag(as(team.analyst), b, 'Iran denied');
    const z = await tag(as(team.analyst), c, 'Iranian state hackers', 'evidence');
    await createLink(as(team.analyst), { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'contradicts' });
    await createLink(as(team.analyst), { fromAnnotationId: z.id, toAnnotationId: x.id, kind: 'corroborates' });
    const kept = await createLink(as(team.analyst), { fromAnnotationId: y.id, toAnnotationId: z.id, kind: 'contradicts' });
    expect(await deleteAnnotation(as(team.analyst), x.id)).toEqual({ linksRemoved: 2 });
    const left = await listLinks(as(team.analyst), { projectId: team.project.id });
    expect(left.map((l) => l.id)).toEqual([kept.id]);
    expect(await deleteAnnotation(as(team.analyst), y.id)).toEqual({ linksRemoved: 1 });
    expect(await deleteAnnotation(as(team.analyst), z.id)).toEqual({ linksRemoved: 0 });
  });

  it('lets the author or an admin delete a link; others get 403 or 404', async () => {
    const { team, a, b } = await setup();
    const x = await tag(as(team.analyst), a, 'blamed Tehran');
    const y = await tag(as(team.analyst), b, 'Iran denied');
    const link = await createLink(as(team.analyst), { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'contradicts' });
    await expectAppError(deleteLink(as(team.analyst2), link.id), 'FORBIDDEN');
    await expectAppError(deleteLink(as(team.outsider), link.id), 'NOT_FOUND');
    await deleteLink(as(team.admin), link.id);
    await expectAppError(deleteLink(as(team.admin), link.id), 'NOT_FOUND');
  });
});

describe('claims', () => {
  it('creates a claim from a span: its text is the first wording and the span is attached', async () => {
    const { team, a } = await setup();
    const span = await tag(as(team.analyst), a, 'Edi Rama blamed Tehran for the cyberattack', 'assertion', 'Edi Rama');
    const claim = await createClaim(as(team.analyst), { projectId: team.project.id, annotationId: span.id });
    expect(claim).toMatchObject({ text: 'Edi Rama blamed Tehran for the cyberattack', version: 1, spanCount: 1, outletCount: 1, verdict: null });
    const row = await testDb().annotation.findUniqueOrThrow({ where: { id: span.id }, select: { claimId: true, version: true } });
    expect(row).toEqual({ claimId: claim.id, version: 1 });
    // A span belongs to at most one claim.
    await expectAppError(createClaim(as(team.analyst2), { projectId: team.project.id, annotationId: span.id }), 'CONFLICT');
    expect(await testDb().claim.count({ where: { projectId: team.project.id } })).toBe(1);
  });

  it('renames with the current version and refuses a stale one (409) without changing anything', async () => {
    const { team } = await setup();
    const claim = await createClaim(as(team.analyst), { projectId: team.project.id, text: 'Iran attacked Albania' });
    const renamed = await renameClaim(as(team.analyst2), claim.id, { text: 'Iran orchestrated the cyberattack on Albania', version: 1 });
    expect(renamed).toMatchObject({ text: 'Iran orchestrated the cyberattack on Albania', version: 2 });
    const stale = await expectAppError(renameClaim(as(team.analyst), claim.id, { text: 'Something else', version: 1 }), 'CONFLICT');
    expect(stale.fields).toHaveProperty('version');
    expect(await testDb().claim.findUniqueOrThrow({ where: { id: claim.id }, select: { text: true, version: true } })).toEqual({
      text: 'Iran orchestrated the cyberattack on Albania',
      version: 2,
    });
    await expectAppError(renameClaim(as(team.reviewer), claim.id, { text: 'x', version: 2 }), 'FORBIDDEN');
    await expectAppError(renameClaim(as(team.outsider), claim.id, { text: 'x', version: 2 }), 'NOT_FOUND');
  });

  it('attaches and detaches spans; other projects and spans taken elsewhere are refused', async () => {
    const { team, a, b, c } = await setup();
    const claim = await createClaim(as(team.analyst), { projectId: team.project.id, text: 'Iran was behind the attack' });
    const other = await createClaim(as(team.analyst), { projectId: team.project.id, text: 'Another claim' });
    const x = await tag(as(team.analyst), a, 'blamed Tehran');
    const y = await tag(as(team.analyst), b, 'Iran denied any role', 'denial');
    const z = await tag(as(team.analyst), c, 'Iranian state hackers', 'evidence');
    expect((await attachSpan(as(team.analyst), claim.id, x.id)).spanCount).toBe(1);
    expect((await attachSpan(as(team.analyst), claim.id, x.id)).spanCount).toBe(1); // again: no-op
    await attachSpan(as(team.analyst2), claim.id, y.id);
    const after = await attachSpan(as(team.analyst2), claim.id, z.id);
    expect(after).toMatchObject({ spanCount: 3, outletCount: 3 });
    await expectAppError(attachSpan(as(team.analyst), other.id, x.id), 'CONFLICT');
    await expectAppError(attachSpan(as(team.reviewer), other.id, x.id), 'FORBIDDEN');

    const foreign = await createAnnotation(as(team.outsider), team.otherArticle.id, { start: 0, end: 5, label: 'assertion' });
    await expectAppError(attachSpan(as(team.analyst), claim.id, foreign.id), 'NOT_FOUND');
    await testDb().membership.create({ data: { userId: team.analyst.id, projectId: team.otherProject.id, role: 'ANALYST' } });
    await expectAppError(attachSpan(as(team.analyst), claim.id, foreign.id), 'BAD_REQUEST');
    await expectAppError(attachSpan(as(team.outsider), claim.id, foreign.id), 'NOT_FOUND');

    await detachSpan(as(team.analyst), claim.id, y.id);
    await expectAppError(detachSpan(as(team.analyst), claim.id, y.id), 'NOT_FOUND');
    await expectAppError(detachSpan(as(team.analyst), other.id, x.id), 'NOT_FOUND');
    const listed = await listClaims(as(team.reviewer), team.project.id);
    expect(listed.map((l) => [l.text, l.spanCount, l.outletCount])).toEqual([
      ['Another claim', 0, 0],
      ['Iran was behind the attack', 2, 2],
    ]);
    expect((await testDb().annotation.findUniqueOrThrow({ where: { id: y.id } })).claimId).toBeNull();
  });

  it('records every change of a claim in its history, in the same transaction as the change', async () => {
    const { team, a, b } = await setup();
    const x = await tag(as(team.analyst), a, 'blamed Tehran');
    const y = await tag(as(team.analyst), b, 'Iran denied any role', 'denial');
    const claim = await createClaim(as(team.analyst), { projectId: team.project.id, annotationId: x.id });
    await renameClaim(as(team.analyst2), claim.id, { text: 'Tehran was behind the attack', verdict: 'Disputed', version: 1 });
    await attachSpan(as(team.analyst), claim.id, y.id);
    await detachSpan(as(team.analyst2), claim.id, y.id);
    // Refused changes leave no event.
    await expectAppError(renameClaim(as(team.analyst), claim.id, { text: 'stale', version: 1 }), 'CONFLICT');
    await expectAppError(detachSpan(as(team.analyst), claim.id, y.id), 'NOT_FOUND');
    const history = await listObjectHistory(team.reviewer.id, 'claim', claim.id);
    expect(history.map((e) => [e.action, e.actor?.name])).toEqual([
      ['claim.create', 'Analyst'],
      ['claim.update', 'Analyst Two'],
      ['claim.attach', 'Analyst'],
      ['claim.detach', 'Analyst Two'],
    ]);
    expect(history[0].after).toMatchObject({ text: 'blamed Tehran', annotationId: x.id });
    expect(history[1]).toMatchObject({
      before: { text: 'blamed Tehran', verdict: null, version: 1 },
      after: { text: 'Tehran was behind the attack', verdict: 'Disputed', version: 2 },
    });
    expect(history[2].after).toMatchObject({ annotationId: y.id, exact: 'Iran denied any role' });
    await expectAppError(listObjectHistory(team.outsider.id, 'claim', claim.id), 'NOT_FOUND');
  });

  it('deletes a claim at the current version; its spans stay, detached, and its history outlives it', async () => {
    const { team, a, b } = await setup();
    const x = await tag(as(team.analyst), a, 'blamed Tehran');
    const y = await tag(as(team.analyst), b, 'Iran denied any role', 'denial');
    const link = await createLink(as(team.analyst), { fromAnnotationId: y.id, toAnnotationId: x.id, kind: 'contradicts' });
    const claim = await createClaim(as(team.analyst), { projectId: team.project.id, annotationId: x.id });
    await attachSpan(as(team.analyst), claim.id, y.id);
    await renameClaim(as(team.analyst), claim.id, { text: 'Tehran was behind the attack', version: 1 });

    await expectAppError(deleteClaim(as(team.reviewer), claim.id, 2), 'FORBIDDEN');
    await expectAppError(deleteClaim(as(team.outsider), claim.id, 2), 'NOT_FOUND');
    const stale = await expectAppError(deleteClaim(as(team.analyst2), claim.id, 1), 'CONFLICT');
    expect(stale.fields).toHaveProperty('version');
    expect(await testDb().claim.count({ where: { id: claim.id } })).toBe(1);
    expect(await testDb().annotation.count({ where: { claimId: claim.id } })).toBe(2);

    expect(await deleteClaim(as(team.analyst2), claim.id, 2)).toEqual({ spansDetached: 2 });
    expect(await testDb().claim.count({ where: { id: claim.id } })).toBe(0);
    const spans = await testDb().annotation.findMany({ where: { id: { in: [x.id, y.id] } }, select: { claimId: true, version: true } });
    expect(spans).toEqual([{ claimId: null, version: 1 }, { claimId: null, version: 1 }]);
    expect(await testDb().link.count({ where: { id: link.id } })).toBe(1);
    await expectAppError(getClaim(as(team.analyst), claim.id), 'NOT_FOUND');
    await expectAppError(deleteClaim(as(team.analyst), claim.id, 2), 'NOT_FOUND');

    const history = await listObjectHistory(team.analyst.id, 'claim', claim.id);
    expect(history.map((e) => e.action)).toEqual(['claim.create', 'claim.attach', 'claim.update', 'claim.delete']);
    expect(history.at(-1)).toMatchObject({ actor: { name: 'Analyst Two' }, before: { text: 'Tehran was behind the attack', version: 2 } });
    expect((history.at(-1)!.before as { annotationIds: string[] }).annotationIds.sort()).toEqual([x.id, y.id].sort());
  });

  it('shows a claim with its spans grouped by outlet and tag, and the links among them', async () => {
    const { team, a, b, c } = await setup();
    const x = await tag(as(team.analyst), a, 'Edi Rama blamed Tehran for the cyberattack', 'assertion', 'Edi Rama');
    const y = await tag(as(team.analyst), b, 'Iran denied any role in the attack on Albania', 'denial', 'Nasser Kanaani');
    const z = await tag(as(team.analyst), c, 'Iranian state hackers', 'evidence');
    const outside = await tag(as(team.analyst), c, 'The evidence was technical', 'evidence');
    const claim = await createClaim(as(team.analyst), { projectId: team.project.id, annotationId: x.id, text: 'Iran orchestrated the cyberattack' });
    await attachSpan(as(team.analyst), claim.id, y.id);
    await attachSpan(as(team.analyst), claim.id, z.id);
    const l1 = await createLink(as(team.analyst), { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'contradicts' });
    const l2 = await createLink(as(team.analyst), { fromAnnotationId: z.id, toAnnotationId: x.id, kind: 'corroborates' });
    await createLink(as(team.analyst), { fromAnnotationId: z.id, toAnnotationId: outside.id, kind: 'corroborates' });

    const detail = await getClaim(as(team.reviewer), claim.id);
    expect(detail).toMatchObject({ text: 'Iran orchestrated the cyberattack', projectName: team.project.name, counts: { assertion: 1, denial: 1, evidence: 1 } });
    expect(detail.groups.map((g) => g.outlet)).toEqual(['Tehran Times', 'Test Outlet', 'Unknown outlet']);
    const tehran = detail.groups[0];
    expect(tehran.labels.denial).toEqual([
      expect.objectContaining({ id: y.id, articleId: b.id, articleTitle: 'Iran denies', speaker: 'Nasser Kanaani', status: 'pending', label: 'denial' }),
    ]);
    expect(tehran.labels.assertion).toEqual([]);
    expect(detail.groups[2].labels.evidence.map((s) => s.id)).toEqual([z.id]);
    expect(detail.links.map((l) => l.id)).toEqual([l1.id, l2.id]);
    await expectAppError(getClaim(as(team.outsider), claim.id), 'NOT_FOUND');
  });
});

describe('claim × outlet matrix', () => {
  it('counts each outlet’s tags per claim by review status, with filters and sorting', async () => {
    const { team, a, b, c } = await setup();
    const t = as(team.analyst);
    // Claim 1 "Iran did it": outlet A 2 assertions (1 approved) + 1 evidence, Tehran Times 1 denial, unknown outlet 1 evidence (rejected).
    const a1 = await tag(t, a, 'Edi Rama blamed Tehran', 'assertion');
    const a2 = await tag(t, a, 'for the cyberattack', 'assertion');
    const a3 = await tag(t, a, 'Albania cut diplomatic ties', 'evidence');
    const b1 = await tag(t, b, 'Iran denied any role', 'denial');
    const c1 = await tag(t, c, 'Iranian state hackers', 'evidence');
    // Claim 2 "The claims are baseless": Tehran Times 1 assertion.
    const b2 = await tag(t, b, 'called the claims baseless', 'assertion');
    // A span on no claim is counted nowhere.
    await tag(t, c, 'The evidence was technical', 'evidence');

    const did = await createClaim(t, { projectId: team.project.id, annotationId: a1.id, text: 'Iran did it' });
    for (const s of [a2, a3, b1, c1]) await attachSpan(t, did.id, s.id);
    const baseless = await createClaim(t, { projectId: team.project.id, annotationId: b2.id, text: 'The claims are baseless' });
    const empty = await createClaim(t, { projectId: team.project.id, text: 'A claim nobody made yet' });
    await testDb().annotation.update({ where: { id: a1.id }, data: { status: 'APPROVED' } });
    await testDb().annotation.update({ where: { id: c1.id }, data: { status: 'REJECTED' } });

    const matrix = await getMatrix(as(team.reviewer), team.project.id);
    expect(matrix.outlets).toEqual(['Tehran Times', 'Test Outlet', 'Unknown outlet']);
    expect(matrix.claims.map((r) => r.text)).toEqual(['Iran did it', 'The claims are baseless', 'A claim nobody made yet']);
    const [row1, row2, row3] = matrix.claims;
    expect(row1).toMatchObject({ id: did.id, spanCount: 5, outletCount: 3 });
    expect(row1.cells['Test Outlet']).toEqual({
      assertion: { count: 2, approved: 1, pending: 1, rejected: 0 },
      denial: { count: 0, approved: 0, pending: 0, rejected: 0 },
      evidence: { count: 1, approved: 0, pending: 1, rejected: 0 },
    });
    expect(row1.cells['Tehran Times'].denial).toEqual({ count: 1, approved: 0, pending: 1, rejected: 0 });
    expect(row1.cells['Unknown outlet'].evidence).toEqual({ count: 1, approved: 0, pending: 0, rejected: 1 });
    expect(Object.keys(row2.cells)).toEqual(['Tehran Times']);
    expect(row2.cells['Tehran Times'].assertion.count).toBe(1);
    expect(row3).toMatchObject({ id: empty.id, spanCount: 0, cells: {} });

    const byText = await getMatrix(as(team.reviewer), team.project.id, { sort: 'text' });
    expect(byText.claims.map((r) => r.text)).toEqual(['A claim nobody made yet', 'Iran did it', 'The claims are baseless']);

    const tehran = await getMatrix(as(team.reviewer), team.project.id, { outlet: 'Tehran Times' });
    expect(tehran.outlets).toEqual(['Tehran Times']);
    expect(tehran.claims.map((r) => [r.text, r.spanCount])).toEqual([
      ['Iran did it', 1],
      ['The claims are baseless', 1],
    ]);
    const unknown = await getMatrix(as(team.reviewer), team.project.id, { outlet: 'Unknown outlet', status: 'rejected' });
    expect(unknown.claims.map((r) => r.id)).toEqual([did.id]);
    expect(unknown.claims[0].cells['Unknown outlet'].evidence.rejected).toBe(1);
    const approvedAssertions = await getMatrix(as(team.reviewer), team.project.id, { label: 'assertion', status: 'approved' });
    expect(approvedAssertions.claims.map((r) => [r.text, r.spanCount])).toEqual([['Iran did it', 1]]);
    expect(baseless.spanCount).toBe(1);

    await expectAppError(getMatrix(as(team.outsider), team.project.id), 'NOT_FOUND');
  });

  it('an edit that sends a span back to pending moves its count in the matrix', async () => {
    const { team, a } = await setup();
    const span = await tag(as(team.analyst), a, 'blamed Tehran');
    const claim = await createClaim(as(team.analyst), { projectId: team.project.id, annotationId: span.id });
    await testDb().annotation.update({ where: { id: span.id }, data: { status: 'APPROVED' } });
    expect((await getMatrix(as(team.analyst), team.project.id)).claims[0].cells['Test Outlet'].assertion.approved).toBe(1);
    await updateAnnotation(as(team.analyst), span.id, { label: 'evidence', version: 1 });
    const cell = (await getMatrix(as(team.analyst), team.project.id)).claims[0].cells['Test Outlet'];
    expect(cell.assertion.count).toBe(0);
    expect(cell.evidence).toEqual({ count: 1, approved: 0, pending: 1, rejected: 0 });
    expect(claim.id).toBeTruthy();
  });
});

describe('claim verdicts', () => {
  it('a verdict is set with the wording, cleared with an empty value, and refused when stale', async () => {
    const { renameClaim } = await import('@/lib/claims/rename-claim');
    const { createClaim } = await import('@/lib/claims/create-claim');
    const team = await makeTeam();
    const claim = await createClaim(as(team.analyst), { projectId: team.project.id, text: 'Iran was behind the attack' });
    const judged = await renameClaim(as(team.analyst), claim.id, { text: claim.text, verdict: 'Supported', version: claim.version });
    expect(judged).toMatchObject({ verdict: 'Supported', version: claim.version + 1 });
    await expectAppError(renameClaim(as(team.analyst), claim.id, { text: claim.text, verdict: 'False', version: claim.version }), 'CONFLICT');
    const cleared = await renameClaim(as(team.analyst), claim.id, { text: claim.text, verdict: '', version: judged.version });
    expect(cleared.verdict).toBeNull();
  });

  it("a verdict's reason and date: dated when given, kept by a rewording, cleared with the verdict", async () => {
    const { renameClaim } = await import('@/lib/claims/rename-claim');
    const { createClaim } = await import('@/lib/claims/create-claim');
    const team = await makeTeam();
    const claim = await createClaim(as(team.analyst), { projectId: team.project.id, text: 'Iran was behind the attack' });
    expect(claim).toMatchObject({ verdict: null, verdictNote: null, verdictAt: null });
    const judged = await renameClaim(as(team.analyst), claim.id, { text: claim.text, verdict: 'Supported', verdictNote: 'Microsoft attributed it.', version: claim.version });
    expect(judged).toMatchObject({ verdict: 'Supported', verdictNote: 'Microsoft attributed it.', verdictAt: expect.any(String) });
    await new Promise((r) => setTimeout(r, 5));
    // Reworded, verdict untouched (the form sends it back as it was): its date stays.
    const reworded = await renameClaim(as(team.analyst), claim.id, { text: 'Iran was behind the July attack', verdict: 'Supported', verdictNote: 'Microsoft attributed it.', version: judged.version });
    expect(reworded.verdictAt).toBe(judged.verdictAt);
    // A new reason is a new judgement: dated again.
    const explained = await renameClaim(as(team.analyst), claim.id, { text: reworded.text, verdict: 'Supported', verdictNote: 'Microsoft and the FBI attributed it.', version: reworded.version });
    expect(explained.verdictAt! > judged.verdictAt!).toBe(true);
    // Without a verdict a reason means nothing.
    const cleared = await renameClaim(as(team.analyst), claim.id, { text: reworded.text, verdict: '', verdictNote: 'left over', version: explained.version });
    expect(cleared).toMatchObject({ verdict: null, verdictNote: null, verdictAt: null });
  });
});
