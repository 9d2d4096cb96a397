import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { updateAnnotation } from '@/lib/annotations/update-annotation';
import { deleteAnnotation } from '@/lib/annotations/delete-annotation';
import { reviewAnnotation } from '@/lib/review/review-annotation';
import { reviewLink } from '@/lib/review/review-link';
import { createLink } from '@/lib/links/create-link';
import { listReviewQueue, queueQuery } from '@/lib/review/list-queue';
import { getArticle } from '@/lib/articles/get-article';
import { activityQuery, listActivity, listObjectHistory } from '@/lib/audit/list-events';
import { reviewInput } from '@/lib/review/schema';
import { AppError } from '@/lib/errors';
import type { Caller } from '@/lib/auth/caller';
import { makeArticle, makeTeam, testDb } from '../factories';

const as = (u: { id: string; name: string; email: string }): Caller => ({ ...u, via: 'token' });
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof AppError ? e.code : String(e)));

async function spanOf(team: Awaited<ReturnType<typeof makeTeam>>) {
  return createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 7, label: 'assertion' });
}

describe('review', () => {
  it('a reviewer approves or rejects with a comment; the analyst sees status and comment; every decision is in the history', async () => {
    const team = await makeTeam();
    const span = await spanOf(team);
    const approved = await reviewAnnotation(as(team.reviewer), span.id, { decision: 'approve', version: 1 });
    expect(approved).toMatchObject({ status: 'approved', version: 2 });
    const rejected = await reviewAnnotation(as(team.reviewer), span.id, { decision: 'reject', comment: 'Not a claim, a headline', version: 2 });
    expect(rejected).toMatchObject({ status: 'rejected', version: 3, reviewComment: 'Not a claim, a headline' });
    const history = await listObjectHistory(team.analyst.id, 'annotation', span.id);
    expect(history.map((e) => e.action)).toEqual(['annotation.create', 'annotation.review', 'annotation.review']);
    expect(history[2]).toMatchObject({ actor: { id: team.reviewer.id }, after: { status: 'rejected', comment: 'Not a claim, a headline' } });
  });

  it('nobody reviews their own work, analysts cannot review, other projects get 404, stale versions 409', async () => {
    const team = await makeTeam();
    const span = await spanOf(team);
    expect(await code(reviewAnnotation(as(team.analyst), span.id, { decision: 'approve', version: 1 }))).toBe('FORBIDDEN');
    expect(await code(reviewAnnotation(as(team.analyst2), span.id, { decision: 'approve', version: 1 }))).toBe('FORBIDDEN');
    expect(await code(reviewAnnotation(as(team.outsider), span.id, { decision: 'approve', version: 1 }))).toBe('NOT_FOUND');
    const adminSpan = await createAnnotation(as(team.admin), team.article.id, { start: 8, end: 11, label: 'evidence' });
    expect(await code(reviewAnnotation(as(team.admin), adminSpan.id, { decision: 'approve', version: 1 }))).toBe('FORBIDDEN');
    expect(await code(reviewAnnotation(as(team.admin), span.id, { decision: 'approve', version: 1 }))).toBe('ok');
    expect(await code(reviewAnnotation(as(team.reviewer), span.id, { decision: 'reject', comment: 'x', version: 1 }))).toBe('CONFLICT');
    expect((await testDb().annotation.findUniqueOrThrow({ where: { id: span.id } })).status).toBe('APPROVED');
  });

  it('a delete conditional on a version refuses once the span was reviewed, and deletes nothing', async () => {
    const team = await makeTeam();
    const span = await spanOf(team);
    await reviewAnnotation(as(team.reviewer), span.id, reviewInput.parse({ decision: 'approve', version: span.version }));
    expect(await code(deleteAnnotation(as(team.analyst), span.id, { version: span.version }))).toBe('CONFLICT');
    expect(await testDb().annotation.count({ where: { id: span.id } })).toBe(1);
    await deleteAnnotation(as(team.analyst), span.id, { version: span.version + 1 });
    expect(await testDb().annotation.count({ where: { id: span.id } })).toBe(0);
  });

  it('a delete that asks for an unlinked span refuses once someone linked it; links removed with a span end their own history', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it.');
    const mine = await spanOf(team);
    const theirs = await createAnnotation(as(team.analyst2), team.article.id, { start: 28, end: 45, label: 'denial' });
    const link = await createLink(as(team.analyst2), { fromAnnotationId: theirs.id, toAnnotationId: mine.id, kind: 'contradicts' });
    // A link does not change the span's version: only "unlinked" stops the delete.
    expect(await code(deleteAnnotation(as(team.analyst), mine.id, { version: mine.version, unlinked: 'true' }))).toBe('CONFLICT');
    expect(await testDb().link.count({ where: { id: link.id } })).toBe(1);
    expect(await deleteAnnotation(as(team.analyst), mine.id, { version: mine.version })).toEqual({ linksRemoved: 1 });
    const history = await listObjectHistory(team.reviewer.id, 'link', link.id);
    expect(history.map((e) => [e.action, e.actor?.id])).toEqual([
      ['link.create', team.analyst2.id],
      ['link.delete', team.analyst.id],
    ]);
    expect(history[1].before).toMatchObject({ kind: 'CONTRADICTS', fromAnnotationId: theirs.id, toAnnotationId: mine.id, removedWithSpan: mine.id });
  });

  it('a rejection needs a comment', () => {
    expect(reviewInput.safeParse({ decision: 'reject', version: 1 }).success).toBe(false);
    expect(reviewInput.safeParse({ decision: 'reject', comment: 'why', version: 1 }).success).toBe(true);
    expect(reviewInput.safeParse({ decision: 'approve', version: 1, extra: 1 }).success).toBe(false);
  });

  it('editing a reviewed span puts it back to pending and clears the decision', async () => {
    const team = await makeTeam();
    const span = await spanOf(team);
    await reviewAnnotation(as(team.reviewer), span.id, { decision: 'approve', version: 1 });
    const edited = await updateAnnotation(as(team.analyst), span.id, { label: 'denial', version: 2 });
    expect(edited).toMatchObject({ status: 'pending', version: 3, reviewComment: null, reviewedBy: null });
    expect((await getArticle(team.analyst.id, team.article.id)).annotations[0]).toMatchObject({ id: span.id, reviewedBy: null, reviewedAt: null });
  });

  it('a decided item in the queue, and the span in the reader, say who decided, when and why', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it.');
    const span = await spanOf(team);
    const other = await createAnnotation(as(team.analyst), team.article.id, { start: 28, end: 44, label: 'denial' });
    const link = await createLink(as(team.analyst), { fromAnnotationId: other.id, toAnnotationId: span.id, kind: 'contradicts' });
    const from = Date.now();
    const rejected = await reviewAnnotation(as(team.reviewer), span.id, { decision: 'reject', comment: 'A headline, not a claim', version: 1 });
    await reviewLink(as(team.admin), link.id, { decision: 'reject', comment: 'Another event', version: 1 });
    const decision = { reviewedBy: { id: team.reviewer.id, name: 'Reviewer' }, reviewComment: 'A headline, not a claim' };
    expect(rejected).toMatchObject(decision);

    const spans = await listReviewQueue(team.admin.id, team.project.id, queueQuery.parse({ status: 'rejected' }));
    if (spans.kind !== 'spans') throw new Error('a span queue was asked for');
    expect(spans.items).toHaveLength(1);
    expect(spans.items[0]).toMatchObject({ id: span.id, ...decision });
    const at = Date.parse(spans.items[0].reviewedAt!);
    expect(at).toBeGreaterThanOrEqual(from - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);

    const links = await listReviewQueue(team.reviewer.id, team.project.id, queueQuery.parse({ kind: 'links', status: 'rejected' }));
    if (links.kind !== 'links') throw new Error('a link queue was asked for');
    expect(links.items).toEqual([expect.objectContaining({ id: link.id, reviewedBy: { id: team.admin.id, name: 'Admin' }, reviewComment: 'Another event', reviewedAt: expect.any(String) })]);
    // Pending items have no decision to show.
    const pending = await listReviewQueue(team.reviewer.id, team.project.id, queueQuery.parse({}));
    expect(pending.items).toEqual([expect.objectContaining({ id: other.id, reviewedBy: null, reviewedAt: null, reviewComment: null })]);

    // The reader's spans (and the span API) carry the reviewer for the popover.
    const reader = await getArticle(team.analyst.id, team.article.id);
    expect(reader.annotations.find((a) => a.id === span.id)).toMatchObject({ status: 'rejected', ...decision });
  });

  it('of many concurrent decisions on one item exactly one is recorded', async () => {
    const team = await makeTeam();
    const span = await spanOf(team);
    const decisions = Array.from({ length: 16 }, (_, i) =>
      reviewAnnotation(as(i % 2 ? team.reviewer : team.admin), span.id, i % 3 ? { decision: 'approve', version: 1 } : { decision: 'reject', comment: `no ${i}`, version: 1 }),
    );
    const results = await Promise.allSettled(decisions);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('CONFLICT');
    expect(await testDb().auditEvent.count({ where: { objectId: span.id, action: 'annotation.review' } })).toBe(1);
    expect((await testDb().annotation.findUniqueOrThrow({ where: { id: span.id } })).version).toBe(2);
  });

  it('links are reviewed the same way', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it.');
    const a = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 26, label: 'assertion' });
    const d = await createAnnotation(as(team.analyst), team.article.id, { start: 28, end: 44, label: 'denial' });
    const link = await createLink(as(team.analyst), { fromAnnotationId: d.id, toAnnotationId: a.id, kind: 'contradicts' });
    expect(await code(reviewLink(as(team.analyst2), link.id, { decision: 'approve', version: 1 }))).toBe('FORBIDDEN');
    const reviewed = await reviewLink(as(team.reviewer), link.id, { decision: 'approve', version: 1 });
    expect(reviewed).toMatchObject({ status: 'approved', version: 2 });
    expect(await code(reviewLink(as(team.reviewer), link.id, { decision: 'approve', version: 1 }))).toBe('CONFLICT');
  });

  it('the audit log is append-only in the database itself, and keeps a deleted span\'s history', async () => {
    const team = await makeTeam();
    const span = await spanOf(team);
    await deleteAnnotation(as(team.analyst), span.id);
    const history = await listObjectHistory(team.reviewer.id, 'annotation', span.id);
    expect(history.map((e) => e.action)).toEqual(['annotation.create', 'annotation.delete']);
    await expect(testDb().auditEvent.updateMany({ where: { objectId: span.id }, data: { action: 'tampered' } })).rejects.toThrow(/append-only/);
    await expect(testDb().auditEvent.deleteMany({ where: { objectId: span.id } })).rejects.toThrow(/append-only/);
    expect(await testDb().auditEvent.count({ where: { objectId: span.id } })).toBe(2);
    const activity = await listActivity(team.admin.id, team.project.id, { limit: 10 });
    expect(activity[0]).toMatchObject({ action: 'annotation.delete', objectId: span.id });
    expect(await code(listObjectHistory(team.outsider.id, 'annotation', span.id))).toBe('NOT_FOUND');
  });

  it('activity names the span a review decided, and pages by event without skipping events of one moment', async () => {
    const team = await makeTeam();
    const span = await spanOf(team);
    await reviewAnnotation(as(team.reviewer), span.id, reviewInput.parse({ decision: 'approve', version: span.version }));
    const [review] = await listActivity(team.admin.id, team.project.id, activityQuery.parse({ action: 'annotation.review' }));
    expect(review.span).toEqual({ articleId: team.article.id, exact: 'Albania' });
    // Once deleted, its words come from its deletion.
    await deleteAnnotation(as(team.admin), span.id);
    const [again] = await listActivity(team.admin.id, team.project.id, activityQuery.parse({ action: 'annotation.review' }));
    expect(again.span).toEqual({ articleId: team.article.id, exact: 'Albania', deleted: true });
    // Seven events written in one moment (as one transaction writes them), then paged three at a time.
    const moment = new Date();
    for (let i = 0; i < 7; i++) {
      await testDb().auditEvent.create({ data: { projectId: team.project.id, action: 'project.update', objectType: 'project', objectId: team.project.id, after: { n: i }, createdAt: moment } });
    }
    const seen: unknown[] = [];
    let beforeEvent: string | undefined;
    for (;;) {
      const page = await listActivity(team.admin.id, team.project.id, activityQuery.parse({ action: 'project.update', limit: '3', ...(beforeEvent && { beforeEvent }) }));
      seen.push(...page.map((e) => (e.after as { n: number }).n));
      if (page.length < 3) break;
      beforeEvent = page.at(-1)!.id;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0]);
    await expect(listActivity(team.admin.id, team.project.id, activityQuery.parse({ beforeEvent: 'nope' }))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('"nope"') });
    // An event of another project is not a position in this one.
    const elsewhere = await testDb().auditEvent.create({ data: { projectId: team.otherProject.id, action: 'project.update', objectType: 'project', objectId: team.otherProject.id } });
    expect(await code(listActivity(team.admin.id, team.project.id, activityQuery.parse({ beforeEvent: elsewhere.id })))).toBe('BAD_REQUEST');
  });

  it('the queue lists items oldest first under every filter, with counts per analyst and per tag; only reviewers and admins see it', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it. Microsoft found the traces.');
    const other = await makeArticle(team.project.id, { text: 'The BBC reported the attack on 15 July.', outlet: 'BBC' });
    const make = async (who: typeof team.analyst, articleId: string, start: number, label: 'assertion' | 'denial' | 'evidence') => {
      const span = await createAnnotation(as(who), articleId, { start, end: start + 4, label });
      // Distinct creation times, so "oldest first" has one answer.
      await new Promise((r) => setTimeout(r, 5));
      return span;
    };
    const a1 = await make(team.analyst, team.article.id, 0, 'assertion');
    const a2 = await make(team.analyst2, team.article.id, 28, 'denial');
    const a3 = await make(team.analyst, other.id, 4, 'evidence');
    const a4 = await make(team.analyst2, other.id, 8, 'assertion');
    await reviewAnnotation(as(team.reviewer), a4.id, { decision: 'approve', version: 1 });
    await createAnnotation(as(team.outsider), team.otherArticle.id, { start: 0, end: 5, label: 'assertion' });
    const ids = async (q: Record<string, string>) => (await listReviewQueue(team.reviewer.id, team.project.id, queueQuery.parse(q))).items.map((i) => i.id);

    expect(await ids({})).toEqual([a1.id, a2.id, a3.id]);
    expect(await ids({ limit: '2' })).toEqual([a1.id, a2.id]);
    expect(await ids({ status: 'approved' })).toEqual([a4.id]);
    expect(await ids({ label: 'denial' })).toEqual([a2.id]);
    expect(await ids({ articleId: other.id })).toEqual([a3.id]);
    expect(await ids({ outlet: 'BBC' })).toEqual([a3.id]);
    expect(await ids({ authorId: team.analyst2.id })).toEqual([a2.id]);
    expect(await ids({ authorId: team.analyst2.id, status: 'approved', outlet: 'BBC', label: 'assertion' })).toEqual([a4.id]);

    const queue = await listReviewQueue(team.admin.id, team.project.id, queueQuery.parse({ articleId: other.id }));
    if (queue.kind !== 'spans') throw new Error('a span queue was asked for');
    const { items, counts } = queue;
    expect(items[0]).toMatchObject({ id: a3.id, label: 'evidence', status: 'pending', author: { id: team.analyst.id, name: 'Analyst' }, article: { id: other.id, outlet: 'BBC' } });
    const { title } = await testDb().article.findUniqueOrThrow({ where: { id: other.id }, select: { title: true } });
    expect(items[0]).toEqual({ ...a3, article: { id: other.id, title, outlet: 'BBC' } });
    // Counts are the project's, whatever the filter.
    expect(counts.byAnalyst).toEqual([
      { id: team.analyst.id, name: 'Analyst', approved: 0, rejected: 0, pending: 2 },
      { id: team.analyst2.id, name: 'Analyst Two', approved: 1, rejected: 0, pending: 1 },
    ]);
    expect(counts.byLabel).toEqual({
      assertion: { approved: 1, rejected: 0, pending: 1 },
      denial: { approved: 0, rejected: 0, pending: 1 },
      evidence: { approved: 0, rejected: 0, pending: 1 },
    });

    expect(await code(listReviewQueue(team.analyst.id, team.project.id, queueQuery.parse({})))).toBe('FORBIDDEN');
    expect(await code(listReviewQueue(team.outsider.id, team.project.id, queueQuery.parse({})))).toBe('NOT_FOUND');

    // Links have a queue of their own: oldest first, filtered by either end, with decisions per analyst.
    const l1 = await createLink(as(team.analyst), { fromAnnotationId: a1.id, toAnnotationId: a3.id, kind: 'corroborates' });
    await new Promise((r) => setTimeout(r, 5));
    const l2 = await createLink(as(team.analyst2), { fromAnnotationId: a2.id, toAnnotationId: a4.id, kind: 'contradicts' });
    await new Promise((r) => setTimeout(r, 5));
    const l3 = await createLink(as(team.analyst2), { fromAnnotationId: a4.id, toAnnotationId: a1.id, kind: 'corroborates' });
    await reviewLink(as(team.reviewer), l3.id, { decision: 'reject', comment: 'unrelated', version: l3.version });
    const links = async (q: Record<string, string>) => {
      const queue = await listReviewQueue(team.reviewer.id, team.project.id, queueQuery.parse({ kind: 'links', ...q }));
      if (queue.kind !== 'links') throw new Error('a link queue was asked for');
      return queue;
    };
    expect((await links({})).items.map((l) => l.id)).toEqual([l1.id, l2.id]);
    expect((await links({ status: 'rejected' })).items.map((l) => [l.id, l.from.exact, l.to.exact])).toEqual([[l3.id, a4.exact, a1.exact]]);
    expect((await links({ outlet: 'BBC' })).items.map((l) => l.id)).toEqual([l1.id, l2.id]);
    expect((await links({ label: 'denial' })).items.map((l) => l.id)).toEqual([l2.id]);
    expect((await links({ authorId: team.analyst.id })).items.map((l) => l.id)).toEqual([l1.id]);
    expect((await links({ articleId: team.article.id, label: 'evidence' })).items.map((l) => l.id)).toEqual([l1.id]);
    expect((await links({})).counts.byAnalyst).toEqual([
      { id: team.analyst.id, name: 'Analyst', approved: 0, rejected: 0, pending: 1 },
      { id: team.analyst2.id, name: 'Analyst Two', approved: 0, rejected: 1, pending: 1 },
    ]);
    expect(await code(listReviewQueue(team.analyst.id, team.project.id, queueQuery.parse({ kind: 'links' })))).toBe('FORBIDDEN');

    // The activity log names a link's two spans, also once a span is gone.
    await deleteAnnotation(as(team.analyst2), a2.id);
    const linkEvents = await listActivity(team.reviewer.id, team.project.id, activityQuery.parse({ objectType: 'link' }));
    const row = (action: string, id: string) => linkEvents.find((e) => e.action === action && e.objectId === id)?.link;
    expect(row('link.review', l3.id)).toEqual({ kind: 'corroborates', from: { id: a4.id, articleId: other.id, exact: a4.exact }, to: { id: a1.id, articleId: team.article.id, exact: a1.exact } });
    expect(row('link.create', l2.id)).toEqual({ kind: 'contradicts', from: { id: a2.id, articleId: team.article.id, exact: a2.exact, deleted: true }, to: { id: a4.id, articleId: other.id, exact: a4.exact } });
    expect(row('link.delete', l2.id)?.from).toMatchObject({ id: a2.id, deleted: true });
  });
});

