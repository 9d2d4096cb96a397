import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';

// Route handlers run as in Next, with the caller set by the test (test/stub-caller.ts).
vi.mock('@/lib/auth/caller', () => import('../stub-caller'));
import { auth } from '../stub-caller';

import * as articleRoute from '@/app/api/v1/articles/[articleId]/route';
import * as annotationsRoute from '@/app/api/v1/articles/[articleId]/annotations/route';
import * as projectRoute from '@/app/api/v1/projects/[projectId]/route';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { updateAnnotation } from '@/lib/annotations/update-annotation';
import { listOrphans } from '@/lib/annotations/list-orphans';
import { listArticles } from '@/lib/articles/list-articles';
import { getSpanContext } from '@/lib/articles/span-context';
import { activityQuery, listActivity, listObjectHistory } from '@/lib/audit/list-events';
import { createClaim } from '@/lib/claims/create-claim';
import { attachSpan } from '@/lib/claims/attach-span';
import { getClaim } from '@/lib/claims/get-claim';
import { getMatrix } from '@/lib/claims/get-matrix';
import { listClaims } from '@/lib/claims/list-claims';
import { exportQuery } from '@/lib/export/schema';
import { writeExport } from '@/lib/export/write-export';
import { createLink } from '@/lib/links/create-link';
import { listLinks } from '@/lib/links/list-links';
import { updateProjectSettings } from '@/lib/projects/update-settings';
import { backupProject } from '@/lib/backup/backup-project';
import { restoreProject } from '@/lib/backup/restore-project';
import { openComparison } from '@/lib/review/open-comparison';
import { searchProject } from '@/lib/search/search-project';
import { as, expectAppError } from '../app-error';
import { suggestFor } from '@/lib/suggestions/suggest-for-span';
import { dismissSuggestion } from '@/lib/suggestions/dismiss-suggestion';
import { makeArticle, makeTeam, testDb } from '../factories';

const TEXT = 'Albania cut ties with Iran. Tehran denied the accusation. Microsoft found Iranian hackers.';
type Team = Awaited<ReturnType<typeof makeTeam>>;
type User = Team['analyst'];

const range = (needle: string) => {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
  return { start, end: start + Array.from(needle).length };
};

async function call(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, method: string, path: string, params: Record<string, string>, body?: unknown) {
  const req = new Request(`http://localhost${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, json: await res.json() };
}

/**
 * Two analysts tag the same article, each linking their own two spans and
 * attaching one to a shared claim; each also has a span a revision orphaned.
 */
async function setup({ independent }: { independent: boolean }) {
  const team = await makeTeam(TEXT);
  if (independent) await updateProjectSettings(as(team.admin), team.project.id, { independentAnnotation: true });
  const a1 = await createAnnotation(as(team.analyst), team.article.id, { ...range('Albania cut ties with Iran'), label: 'assertion' });
  const a2 = await createAnnotation(as(team.analyst), team.article.id, { ...range('Microsoft found Iranian hackers'), label: 'evidence' });
  const b1 = await createAnnotation(as(team.analyst2), team.article.id, { ...range('cut ties with Iran'), label: 'assertion' });
  const b2 = await createAnnotation(as(team.analyst2), team.article.id, { ...range('Tehran denied the accusation'), label: 'denial' });
  const aOrphan = await createAnnotation(as(team.analyst), team.article.id, { ...range('Tehran'), label: 'denial' });
  const bOrphan = await createAnnotation(as(team.analyst2), team.article.id, { ...range('Iranian'), label: 'evidence' });
  await testDb().annotation.updateMany({ where: { id: { in: [aOrphan.id, bOrphan.id] } }, data: { orphaned: true } });
  const linkA = await createLink(as(team.analyst), { fromAnnotationId: a1.id, toAnnotationId: a2.id, kind: 'corroborates' });
  const linkB = await createLink(as(team.analyst2), { fromAnnotationId: b2.id, toAnnotationId: b1.id, kind: 'contradicts' });
  const claim = await createClaim(as(team.analyst), { projectId: team.project.id, annotationId: a1.id });
  await attachSpan(as(team.analyst2), claim.id, b1.id);
  return {
    team,
    claimId: claim.id,
    mine: { spans: [a1.id, a2.id], orphan: aOrphan.id, link: linkA.id },
    theirs: { spans: [b1.id, b2.id], orphan: bOrphan.id, link: linkB.id },
  };
}

/** The span and link ids `user` finds through every listing of spans. */
async function seenBy(user: User, s: Awaited<ReturnType<typeof setup>>) {
  const { team } = s;
  auth.caller = as(user);
  const params = { articleId: team.article.id };
  const article = await call(articleRoute.GET, 'GET', `/api/v1/articles/${team.article.id}`, params);
  const annotations = await call(annotationsRoute.GET, 'GET', `/api/v1/articles/${team.article.id}/annotations`, params);
  const ids = (list: { id: string }[]) => list.map((x) => x.id).sort();
  const [articles, context, search, claim, claims, matrix, links, orphans, activity] = await Promise.all([
    listArticles(user.id, team.project.id),
    getSpanContext(user.id, team.article.id),
    searchProject(as(user), team.project.id, 'Iran'),
    getClaim(as(user), s.claimId),
    listClaims(as(user), team.project.id),
    getMatrix(as(user), team.project.id),
    listLinks(as(user), { projectId: team.project.id }),
    listOrphans(user.id, team.project.id),
    listActivity(user.id, team.project.id, activityQuery.parse({})),
  ]);
  const exported = await writeExport({ userId: user.id }, team.project.id, exportQuery.parse({ format: 'jsonl', status: 'all' }), 'https://cc.example.org');
  const decoder = new TextDecoder();
  let jsonl = '';
  for await (const chunk of exported.chunks) jsonl += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const line = jsonl.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.id === team.article.id);
  const listed = articles.articles.find((a) => a.id === team.article.id)!;
  const counts = listed.counts;
  return {
    reader: ids(article.json.annotations),
    // Spans on the text and orphans, counted apart.
    readerCount: Object.values(article.json.article.counts as Record<string, number>).reduce((x, y) => x + y, 0) + article.json.article.orphans,
    annotationsApi: ids(annotations.json.annotations),
    articleListCount: counts.assertion + counts.denial + counts.evidence + listed.orphans,
    spanContext: Object.keys(context.linkCounts).sort(),
    search: ids(search.spans),
    claimPage: claim.groups.flatMap((g) => Object.values(g.labels).flat()).map((x) => x.id).sort(),
    claimCount: claims.find((c) => c.id === s.claimId)!.spanCount,
    matrixCount: matrix.claims.find((c) => c.id === s.claimId)!.spanCount,
    links: ids(links),
    exportSpans: ids(line.entities),
    exportLinks: ids(line.relations),
    orphans: ids(orphans),
    activitySpans: [...new Set(activity.filter((e) => e.objectType === 'annotation').map((e) => e.objectId))].sort(),
  };
}

const sorted = (...xs: string[]) => [...xs].sort();

describe('independent annotation', () => {
  it("hides the other analyst's spans and links from an analyst in every listing, until a reviewer opens the article", async () => {
    const s = await setup({ independent: true });
    const { team, mine, theirs } = s;

    // Analyst A: only A's spans (a1, a2), links between them, A's orphan, A's events.
    const a = await seenBy(team.analyst, s);
    expect(a.reader).toEqual(sorted(...mine.spans));
    expect(a).toMatchObject({
      readerCount: 3,
      annotationsApi: sorted(...mine.spans),
      articleListCount: 3,
      spanContext: sorted(...mine.spans),
      claimPage: [mine.spans[0]],
      claimCount: 1,
      matrixCount: 1,
      links: [mine.link],
      exportSpans: sorted(...mine.spans),
      exportLinks: [mine.link],
      orphans: [mine.orphan],
      activitySpans: sorted(...mine.spans, mine.orphan),
    });
    expect(a.search).toEqual(sorted(...mine.spans)); // "Albania cut ties with Iran", "Microsoft found Iranian hackers"
    // And the same for analyst B, the other way round (b2 has no "Iran" in it; B's orphan "Iranian" has).
    const b = await seenBy(team.analyst2, s);
    expect(b).toMatchObject({
      reader: sorted(...theirs.spans),
      annotationsApi: sorted(...theirs.spans),
      articleListCount: 3,
      spanContext: sorted(...theirs.spans),
      search: sorted(theirs.spans[0]!, theirs.orphan),
      claimPage: [theirs.spans[0]],
      claimCount: 1,
      matrixCount: 1,
      links: [theirs.link],
      exportSpans: sorted(...theirs.spans),
      orphans: [theirs.orphan],
      activitySpans: sorted(...theirs.spans, theirs.orphan),
    });

    // The activity filters still apply on top of what A may see.
    const filters = { before: new Date(Date.now() + 60_000).toISOString(), objectType: 'annotation', action: 'annotation.create', actorId: team.analyst2.id };
    expect(await listActivity(team.analyst.id, team.project.id, activityQuery.parse(filters))).toEqual([]);
    const own = await listActivity(team.analyst.id, team.project.id, activityQuery.parse({ ...filters, actorId: team.analyst.id }));
    expect(own.map((e) => e.objectId).sort()).toEqual(sorted(...mine.spans, mine.orphan));
    expect(await listActivity(team.analyst.id, team.project.id, activityQuery.parse({ before: new Date(Date.now() - 3_600_000).toISOString() }))).toEqual([]);
    // Paged one event at a time, A gets the same events as in one page, in the same order.
    const all = await listActivity(team.analyst.id, team.project.id, activityQuery.parse({}));
    const paged: string[] = [];
    for (let last: string | undefined; ; ) {
      const [next] = await listActivity(team.analyst.id, team.project.id, activityQuery.parse({ limit: '1', ...(last && { beforeEvent: last }) }));
      if (!next) break;
      paged.push((last = next.id));
    }
    expect(paged).toEqual(all.map((e) => e.id));

    // A hidden span is "not found" for A, whatever the route.
    const [b1] = theirs.spans;
    await expectAppError(updateAnnotation(as(team.analyst), b1!, { note: 'x', version: 1 }), 'NOT_FOUND');
    await expectAppError(listLinks(as(team.analyst), { annotationId: b1! }), 'NOT_FOUND');
    await expectAppError(listObjectHistory(team.analyst.id, 'annotation', b1!), 'NOT_FOUND');
    await expectAppError(listObjectHistory(team.analyst.id, 'link', theirs.link), 'NOT_FOUND');
    expect((await listObjectHistory(team.analyst.id, 'link', mine.link)).map((e) => e.action)).toEqual(['link.create']);
    await expectAppError(createLink(as(team.analyst), { fromAnnotationId: mine.spans[0]!, toAnnotationId: b1!, kind: 'corroborates' }), 'NOT_FOUND');
    await expectAppError(attachSpan(as(team.analyst), s.claimId, b1!), 'NOT_FOUND');
    await expectAppError(suggestFor(as(team.analyst), b1!), 'NOT_FOUND');
    const someSentence = await testDb().sentence.findFirstOrThrow({ where: { articleId: team.article.id }, select: { id: true } });
    await expectAppError(dismissSuggestion(as(team.analyst), b1!, someSentence.id), 'NOT_FOUND');

    // Reviewers and admins see everything meanwhile.
    for (const user of [team.reviewer, team.admin]) {
      const seen = await seenBy(user, s);
      expect(seen).toMatchObject({
        reader: sorted(...mine.spans, ...theirs.spans),
        annotationsApi: sorted(...mine.spans, ...theirs.spans),
        articleListCount: 6,
        claimPage: sorted(mine.spans[0]!, theirs.spans[0]!),
        claimCount: 2,
        links: sorted(mine.link, theirs.link),
        exportSpans: sorted(...mine.spans, ...theirs.spans),
        orphans: sorted(mine.orphan, theirs.orphan),
      });
    }

    // The reviewer opens the article for comparison: now A sees everything too.
    await openComparison(as(team.reviewer), team.article.id);
    const after = await seenBy(team.analyst, s);
    expect(after).toMatchObject({
      reader: sorted(...mine.spans, ...theirs.spans),
      readerCount: 6,
      annotationsApi: sorted(...mine.spans, ...theirs.spans),
      articleListCount: 6,
      spanContext: sorted(...mine.spans, ...theirs.spans),
      search: sorted(...mine.spans, theirs.spans[0]!, theirs.orphan),
      claimPage: sorted(mine.spans[0]!, theirs.spans[0]!),
      claimCount: 2,
      matrixCount: 2,
      links: sorted(mine.link, theirs.link),
      exportSpans: sorted(...mine.spans, ...theirs.spans),
      exportLinks: sorted(mine.link, theirs.link),
      orphans: sorted(mine.orphan, theirs.orphan),
      activitySpans: sorted(...mine.spans, ...theirs.spans, mine.orphan, theirs.orphan),
    });
    expect((await listObjectHistory(team.analyst.id, 'annotation', b1!)).map((e) => e.action)).toContain('annotation.create');
    expect((await listObjectHistory(team.analyst.id, 'link', theirs.link)).map((e) => e.action)).toEqual(['link.create']);
  });

  it('with the setting off, every member sees every span', async () => {
    const s = await setup({ independent: false });
    const all = sorted(...s.mine.spans, ...s.theirs.spans);
    for (const user of [s.team.analyst, s.team.analyst2, s.team.reviewer]) {
      const seen = await seenBy(user, s);
      expect(seen).toMatchObject({ reader: all, annotationsApi: all, articleListCount: 6, claimCount: 2, matrixCount: 2, exportSpans: all });
      expect(seen.links).toEqual(sorted(s.mine.link, s.theirs.link));
    }
  });

  it('turning the setting off shows the spans again; only admins change it, and each change is audited', async () => {
    const s = await setup({ independent: true });
    const { team } = s;
    expect((await seenBy(team.analyst, s)).reader).toEqual(sorted(...s.mine.spans));

    auth.caller = as(team.analyst);
    const refused = await call(projectRoute.PATCH, 'PATCH', `/api/v1/projects/${team.project.id}`, { projectId: team.project.id }, { independentAnnotation: false });
    expect(refused.status).toBe(403);
    auth.caller = as(team.outsider);
    expect((await call(projectRoute.PATCH, 'PATCH', `/api/v1/projects/${team.project.id}`, { projectId: team.project.id }, { independentAnnotation: false })).status).toBe(404);
    auth.caller = as(team.admin);
    expect((await call(projectRoute.PATCH, 'PATCH', `/api/v1/projects/${team.project.id}`, { projectId: team.project.id }, { independentAnnotation: 'no' })).status).toBe(400);
    const saved = await call(projectRoute.PATCH, 'PATCH', `/api/v1/projects/${team.project.id}`, { projectId: team.project.id }, { independentAnnotation: false });
    expect(saved).toMatchObject({ status: 200, json: { id: team.project.id, independentAnnotation: false } });
    // Saving the same value again changes nothing and records nothing.
    await call(projectRoute.PATCH, 'PATCH', `/api/v1/projects/${team.project.id}`, { projectId: team.project.id }, { independentAnnotation: false });

    expect((await seenBy(team.analyst, s)).reader).toEqual(sorted(...s.mine.spans, ...s.theirs.spans));
    const events = await testDb().auditEvent.findMany({ where: { projectId: team.project.id, action: 'project.update' }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.actorId, e.before, e.after])).toEqual([
      [team.admin.id, { independentAnnotation: false }, { independentAnnotation: true }],
      [team.admin.id, { independentAnnotation: true }, { independentAnnotation: false }],
    ]);
  });

  it('opening an article for comparison is for reviewers, recorded once, and leaves other articles hidden', async () => {
    const s = await setup({ independent: true });
    const { team } = s;
    const other = await makeArticle(team.project.id, { text: 'Iran denied it.' });
    const hidden = await createAnnotation(as(team.analyst2), other.id, { start: 0, end: 4, label: 'assertion' });
    await expectAppError(openComparison(as(team.analyst), team.article.id), 'FORBIDDEN');
    await expectAppError(openComparison(as(team.outsider), team.article.id), 'NOT_FOUND');
    const first = await openComparison(as(team.reviewer), team.article.id);
    const second = await openComparison(as(team.admin), team.article.id);
    expect(second).toEqual(first);
    expect(first.by).toEqual({ id: team.reviewer.id, name: team.reviewer.name });
    expect(await testDb().auditEvent.count({ where: { action: 'article.compare', objectId: team.article.id } })).toBe(1);
    // The other article was not opened: its spans by B stay hidden from A.
    auth.caller = as(team.analyst);
    const res = await call(annotationsRoute.GET, 'GET', `/api/v1/articles/${other.id}/annotations`, { articleId: other.id });
    expect(res.json.annotations.map((x: { id: string }) => x.id)).not.toContain(hidden.id);
    expect((await searchProject(as(team.analyst), team.project.id, 'Iran')).spans.map((x) => x.id)).not.toContain(hidden.id);
  });

  it('a project backup keeps which articles were opened for comparison', async () => {
    const s = await setup({ independent: true });
    const { team } = s;
    await openComparison(as(team.reviewer), team.article.id);
    let backup = '';
    for await (const chunk of backupProject(team.project.id)) backup += chunk;
    await testDb().project.delete({ where: { id: team.project.id } });
    await restoreProject(Readable.from([backup]));
    expect(await testDb().articleComparison.count({ where: { articleId: team.article.id } })).toBe(1);
    expect((await seenBy(team.analyst, s)).reader).toEqual(sorted(...s.mine.spans, ...s.theirs.spans));
  });
});
