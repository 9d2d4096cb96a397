import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Route handlers run as in Next, with the caller set by the test (test/stub-caller.ts).
vi.mock('@/lib/auth/caller', () => import('../stub-caller'));
import { auth } from '../stub-caller';

import * as articleRoute from '@/app/api/v1/articles/[articleId]/route';
import * as revisionsRoute from '@/app/api/v1/articles/[articleId]/revisions/route';
import * as revisionRoute from '@/app/api/v1/articles/[articleId]/revisions/[revision]/route';
import * as orphansRoute from '@/app/api/v1/projects/[projectId]/orphans/route';
import * as placeRoute from '@/app/api/v1/annotations/[annotationId]/place/route';
import { importFile } from '@/lib/import/import-files';
import { listArticles } from '@/lib/articles/list-articles';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { createLink } from '@/lib/links/create-link';
import { reviewAnnotation } from '@/lib/review/review-annotation';
import { createClaim } from '@/lib/claims/create-claim';
import { dismissSuggestion } from '@/lib/suggestions/dismiss-suggestion';
import { OffsetIndex } from '@/lib/anchoring/code-points';
import { as } from '../app-error';
import { makeArticle, makeTeam, suffix, testDb } from '../factories';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function get(handler: Handler, params: Record<string, string>) {
  const res = await handler(new Request('http://localhost/api/v1/x'), { params: Promise.resolve(params) });
  return { status: res.status, json: await res.json() };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-revisions-'));
function jsonl(name: string, ...records: object[]) {
  const file = path.join(dir, `${name}-${suffix()}.jsonl`);
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
  return file;
}

const P1 = 'Albania cut diplomatic ties with Iran on Wednesday after an investigation into the July cyberattack. 🇦🇱';
const P2 = 'Prime Minister Edi Rama said Iran orchestrated the attack to paralyse public services.';
const P3 = 'Tehran denied any involvement in the attack and called the accusation baseless.';
const P4 = 'Washington said it would hold Iran accountable for the breach.';
const P5 = 'Microsoft investigators reached the same conclusion in September.';
const ORIGINAL = [P1, P2, P3, P4, P5].join('\n\n');
// A paragraph inserted before P2, a word changed in P3, P4 deleted.
const INSERTED = 'NATO allies expressed their support for Tirana the next morning.';
const EDITED = [P1, INSERTED, P2, P3.replace('denied any', 'rejected any'), P5].join('\n\n');

/** A span over `quote` in `text`, in code points, the way the reader would send it. */
function spanOf(text: string, quote: string) {
  const index = new OffsetIndex(text);
  const start = index.toCodePoint(text.indexOf(quote));
  return { start, end: start + [...quote].length, exact: quote };
}

async function setup() {
  const team = await makeTeam();
  const externalId = `rev-${suffix()}`;
  const url = `https://news.example/${externalId}`;
  const record = { externalId, url, title: 'Albania cuts ties', outlet: 'Wire', text: ORIGINAL };
  expect(await importFile(team.project.id, jsonl('first', record), { actorId: team.admin.id })).toMatchObject({ added: 1, revised: 0 });
  const article = await testDb().article.findFirstOrThrow({ where: { projectId: team.project.id, externalId } });
  const analyst = as(team.analyst);
  const kept = await createAnnotation(analyst, article.id, { ...spanOf(ORIGINAL, 'Albania cut diplomatic ties with Iran'), label: 'evidence' });
  const shifted = await createAnnotation(analyst, article.id, { ...spanOf(ORIGINAL, 'Edi Rama said Iran orchestrated the attack'), label: 'assertion' });
  const fuzzy = await createAnnotation(analyst, article.id, { ...spanOf(ORIGINAL, 'Tehran denied any involvement in the attack'), label: 'denial' });
  const deleted = await createAnnotation(analyst, article.id, { ...spanOf(ORIGINAL, 'Washington said it would hold Iran accountable'), label: 'assertion' });
  const link = await createLink(analyst, { fromAnnotationId: shifted.id, toAnnotationId: fuzzy.id, kind: 'contradicts' });
  const claim = await createClaim(analyst, { projectId: team.project.id, annotationId: shifted.id });
  return { team, record, article, kept, shifted, fuzzy, deleted, link, claim };
}

describe('article revisions', () => {
  it('re-anchors spans onto an edited re-import: shifted, fuzzily placed, orphaned; links and claims stay', async () => {
    const { team, record, article, kept, shifted, fuzzy, deleted, link, claim } = await setup();
    const result = await importFile(team.project.id, jsonl('edited', { ...record, text: EDITED }), { actorId: team.admin.id });
    expect(result).toMatchObject({ articles: 1, added: 0, unchanged: 0, revised: 1, orphaned: 1 });

    const now = await testDb().article.findUniqueOrThrow({ where: { id: article.id }, include: { revisions: true } });
    expect(now).toMatchObject({ text: EDITED, revision: 2, length: [...EDITED].length });
    expect(now.revisions).toMatchObject([{ revision: 1, text: ORIGINAL, textHash: article.textHash }]);
    // Sentences follow the new text.
    const sentences = await testDb().sentence.findMany({ where: { articleId: article.id } });
    expect(sentences.some((s) => s.text.includes('NATO allies'))).toBe(true);
    expect(sentences.some((s) => s.text.includes('Washington'))).toBe(false);

    const spans = new Map((await testDb().annotation.findMany({ where: { articleId: article.id } })).map((a) => [a.id, a]));
    const index = new OffsetIndex(EDITED);
    // Kept: same offsets and words; only its hash and context change, and its version does not.
    expect(spans.get(kept.id)).toMatchObject({ start: kept.start, end: kept.end, exact: kept.exact, anchorScore: 1, textHash: now.textHash, version: 1, orphaned: false });
    // Shifted: same words at new offsets. The new paragraph is also its new
    // prefix, so the confidence is the quote and suffix alone: under 1, over the bar.
    const s = spans.get(shifted.id)!;
    expect(s).toMatchObject({ ...spanOf(EDITED, 'Edi Rama said Iran orchestrated the attack'), orphaned: false, textHash: now.textHash, version: 2 });
    expect(s.start).toBeGreaterThan(shifted.start);
    expect(s.anchorScore).toBeGreaterThan(0.7);
    expect(s.prefix).toBe(index.slice(s.start - 32, s.start));
    // Fuzzy: the new words, a score under 1.
    const f = spans.get(fuzzy.id)!;
    expect(f).toMatchObject({ ...spanOf(EDITED, 'Tehran rejected any involvement in the attack'), orphaned: false, textHash: now.textHash });
    expect(f.anchorScore).toBeGreaterThan(0.7);
    expect(f.anchorScore).toBeLessThan(1);
    // Orphaned: kept with its old selectors.
    const d = spans.get(deleted.id)!;
    expect(d).toMatchObject({ orphaned: true, anchorScore: 0, start: deleted.start, end: deleted.end, exact: deleted.exact, prefix: deleted.prefix, suffix: deleted.suffix, textHash: article.textHash });

    // Links and claims are attached to the same span ids.
    expect(await testDb().link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ fromAnnotationId: shifted.id, toAnnotationId: fuzzy.id });
    expect(s.claimId).toBe(claim.id);

    // The article route: orphans apart from the spans drawn on the text.
    auth.caller = as(team.reviewer);
    const got = await get(articleRoute.GET, { articleId: article.id });
    expect(got.status).toBe(200);
    expect(got.json.article).toMatchObject({ revision: 2, textHash: now.textHash, counts: { assertion: 1, denial: 1, evidence: 1 }, orphans: 1 });
    // The project's list counts as the reader draws: the orphan apart.
    const listed = (await listArticles(team.reviewer.id, team.project.id)).articles.find((a) => a.id === article.id);
    expect(listed).toMatchObject({ counts: { assertion: 1, denial: 1, evidence: 1 }, orphans: 1 });
    expect(got.json.annotations.map((a: { id: string }) => a.id).sort()).toEqual([kept.id, shifted.id, fuzzy.id].sort());
    expect(got.json.orphans).toMatchObject([{ id: deleted.id, orphaned: true, exact: 'Washington said it would hold Iran accountable' }]);
    for (const a of got.json.annotations) expect(a.end).toBeLessThanOrEqual(now.length);

    // The orphans list, for reviewers, with the old context.
    const orphans = await get(orphansRoute.GET, { projectId: team.project.id });
    expect(orphans.status).toBe(200);
    expect(orphans.json.orphans).toMatchObject([
      {
        id: deleted.id,
        exact: deleted.exact,
        prefix: deleted.prefix,
        suffix: deleted.suffix,
        author: { id: team.analyst.id, name: 'Analyst' },
        article: { id: article.id, title: 'Albania cuts ties', revision: 2 },
        madeOnRevision: 1,
      },
    ]);
    auth.caller = as(team.outsider);
    expect((await get(orphansRoute.GET, { projectId: team.project.id })).status).toBe(404);

    // The audit log: the revision, each moved span and the orphan, by the importer.
    const events = await testDb().auditEvent.findMany({ where: { projectId: team.project.id, action: { in: ['article.revise', 'annotation.reanchor', 'annotation.orphan'] } } });
    expect(events.map((e) => [e.action, e.objectId, e.actorId]).sort()).toEqual(
      [
        ['article.revise', article.id, team.admin.id],
        ['annotation.reanchor', shifted.id, team.admin.id],
        ['annotation.reanchor', fuzzy.id, team.admin.id],
        ['annotation.orphan', deleted.id, team.admin.id],
      ].sort(),
    );
    const revise = events.find((e) => e.action === 'article.revise')!;
    expect(revise.before).toMatchObject({ revision: 1, textHash: article.textHash });
    expect(revise.after).toMatchObject({ revision: 2, textHash: now.textHash, spans: { kept: 1, reanchored: 2, orphaned: 1 } });
    expect(events.find((e) => e.objectId === fuzzy.id)!.before).toMatchObject({ exact: 'Tehran denied any involvement in the attack' });

    // The same edited file again: nothing changes.
    const before = await testDb().annotation.findMany({ where: { articleId: article.id }, orderBy: { id: 'asc' } });
    expect(await importFile(team.project.id, jsonl('again', { ...record, text: EDITED }))).toMatchObject({ added: 0, unchanged: 1, revised: 0, orphaned: 0 });
    expect(await testDb().annotation.findMany({ where: { articleId: article.id }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await testDb().articleRevision.count({ where: { articleId: article.id } })).toBe(1);
    expect(await testDb().auditEvent.count({ where: { projectId: team.project.id, action: 'article.revise' } })).toBe(1);
  });

  it('sends a decided span placed on changed words back to review, with its decided links; one on the same words keeps its decision', async () => {
    const { team, record, article, kept, shifted, fuzzy, link } = await setup();
    const reviewer = as(team.reviewer);
    for (const span of [kept, shifted]) await reviewAnnotation(reviewer, span.id, { decision: 'approve', version: span.version });
    await reviewAnnotation(reviewer, fuzzy.id, { decision: 'reject', comment: 'not a denial', version: fuzzy.version });
    await testDb().link.update({ where: { id: link.id }, data: { status: 'APPROVED', reviewedById: team.reviewer.id, reviewedAt: new Date() } });

    // "denied any" becomes "rejected any": the rejected denial now quotes other words.
    const result = await importFile(team.project.id, jsonl('edited', { ...record, text: EDITED }), { actorId: team.admin.id });
    expect(result).toMatchObject({ revised: 1, orphaned: 1, reopened: 1 });
    const spans = new Map((await testDb().annotation.findMany({ where: { articleId: article.id } })).map((a) => [a.id, a]));
    expect(spans.get(fuzzy.id)).toMatchObject({ exact: 'Tehran rejected any involvement in the attack', status: 'PENDING', reviewedById: null, reviewComment: null });
    // Same words (kept in place, or moved): the approval stands.
    expect(spans.get(kept.id)).toMatchObject({ status: 'APPROVED', reviewedById: team.reviewer.id });
    expect(spans.get(shifted.id)).toMatchObject({ status: 'APPROVED', reviewedById: team.reviewer.id });
    // The link judged the old words too.
    expect(await testDb().link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ status: 'PENDING', reviewedById: null, version: 2 });
    // Every decision stays in the history, and why it was set aside is there too.
    const events = await testDb().auditEvent.findMany({
      where: { objectId: { in: [fuzzy.id, link.id] }, action: { in: ['annotation.review', 'annotation.reanchor', 'link.reopen'] } },
      orderBy: { seq: 'asc' }, // write order: a revision's events share their transaction's createdAt
    });
    expect(events.map((e) => [e.action, (e.before as { status?: string }).status, (e.after as { status?: string }).status])).toEqual([
      ['annotation.review', 'pending', 'rejected'],
      ['annotation.reanchor', 'rejected', 'pending'],
      ['link.reopen', 'approved', 'pending'],
    ]);
  });

  it('sends a decided link back to review when one of its spans, even a pending one, is placed on changed words', async () => {
    const { team, record, fuzzy, link } = await setup();
    await testDb().link.update({ where: { id: link.id }, data: { status: 'APPROVED', reviewedById: team.reviewer.id, reviewedAt: new Date() } });
    expect(await importFile(team.project.id, jsonl('edited', { ...record, text: EDITED }), { actorId: team.admin.id })).toMatchObject({ revised: 1, reopened: 0 });
    expect(await testDb().annotation.findUniqueOrThrow({ where: { id: fuzzy.id }, select: { status: true } })).toEqual({ status: 'PENDING' });
    expect(await testDb().link.findUniqueOrThrow({ where: { id: link.id }, select: { status: true, reviewedById: true } })).toEqual({ status: 'PENDING', reviewedById: null });
  });

  it('lists revisions and serves an old text with a diff to the current one', async () => {
    const { team, record, article } = await setup();
    await importFile(team.project.id, jsonl('edited', { ...record, text: EDITED }));
    auth.caller = as(team.analyst2);
    const list = await get(revisionsRoute.GET, { articleId: article.id });
    expect(list.status).toBe(200);
    expect(list.json.revisions).toMatchObject([
      { revision: 1, textHash: article.textHash, length: article.length, current: false },
      { revision: 2, current: true, replacedAt: null },
    ]);
    expect(list.json.revisions[0].replacedAt).toBe(list.json.revisions[1].createdAt);

    const old = await get(revisionRoute.GET, { articleId: article.id, revision: '1' });
    expect(old.status).toBe(200);
    expect(old.json).toMatchObject({ revision: 1, currentRevision: 2, text: ORIGINAL });
    const diff = old.json.diff as [number, string][];
    expect(diff.filter(([op]) => op !== 1).map(([, t]) => t).join('')).toBe(ORIGINAL);
    expect(diff.filter(([op]) => op !== -1).map(([, t]) => t).join('')).toBe(EDITED);
    expect(diff.some(([op, t]) => op === 1 && t.includes('NATO allies'))).toBe(true);
    expect(diff.some(([op, t]) => op === -1 && t.includes('Washington'))).toBe(true);

    expect((await get(revisionRoute.GET, { articleId: article.id, revision: '2' })).json.diff).toEqual([[0, EDITED]]);
    expect((await get(revisionRoute.GET, { articleId: article.id, revision: '3' })).status).toBe(404);
    expect((await get(revisionRoute.GET, { articleId: article.id, revision: 'x1' })).status).toBe(400);
    auth.caller = as(team.outsider);
    expect((await get(revisionsRoute.GET, { articleId: article.id })).status).toBe(404);
    expect((await get(revisionRoute.GET, { articleId: article.id, revision: '1' })).status).toBe(404);
  });

  it('revises an article matched by URL when the record has no externalId, keeping what the record leaves out', async () => {
    const team = await makeTeam();
    const url = `https://news.example/${suffix()}`;
    await importFile(team.project.id, jsonl('by-url', { url, title: 'By URL', author: 'A. Writer', text: ORIGINAL }));
    const article = await testDb().article.findFirstOrThrow({ where: { projectId: team.project.id, url } });
    const span = await createAnnotation(as(team.analyst), article.id, { ...spanOf(ORIGINAL, 'Edi Rama said Iran orchestrated the attack'), label: 'assertion' });

    const result = await importFile(team.project.id, jsonl('by-url-2', { url, title: 'By URL, updated', text: EDITED }));
    expect(result).toMatchObject({ added: 0, revised: 1, orphaned: 0 });
    expect(await testDb().article.count({ where: { projectId: team.project.id, url } })).toBe(1);
    expect(await testDb().article.findUniqueOrThrow({ where: { id: article.id } })).toMatchObject({ title: 'By URL, updated', author: 'A. Writer', revision: 2, text: EDITED });
    expect(await testDb().annotation.findUniqueOrThrow({ where: { id: span.id } })).toMatchObject({ ...spanOf(EDITED, span.exact), orphaned: false });
    // Same text in a record without id or URL from another outlet: recognised by its text, unchanged
    // (its title is no correction: it may be a copy of a wire story); with the URL, its title corrects the article's.
    expect(await importFile(team.project.id, jsonl('by-text', { title: 'Copy', outlet: 'Another outlet', text: EDITED }))).toMatchObject({ unchanged: 1, updated: 0, revised: 0 });
    expect(await importFile(team.project.id, jsonl('by-url-3', { title: 'By URL, corrected', text: EDITED, url }))).toMatchObject({ unchanged: 0, updated: 1, revised: 0 });
    expect(await testDb().article.findUniqueOrThrow({ where: { id: article.id } })).toMatchObject({ title: 'By URL, corrected', revision: 2 });
  });

  it("keeps a dismissed suggestion dismissed when the sentence survives the revision", async () => {
    const { team, record, article } = await setup();
    const other = await makeArticle(team.project.id, { text: 'Microsoft reached the same conclusion about the attack.' });
    const span = await createAnnotation(as(team.analyst), other.id, { start: 0, end: 9, label: 'evidence' });
    const sentence = await testDb().sentence.findFirstOrThrow({ where: { articleId: article.id, text: P5 } });
    await dismissSuggestion(as(team.analyst), span.id, sentence.id);
    await importFile(team.project.id, jsonl('edited', { ...record, text: EDITED }));
    const moved = await testDb().suggestionDismissal.findMany({ where: { annotationId: span.id }, include: { sentence: true } });
    expect(moved.map((d) => [d.sentence.articleId, d.sentence.text])).toEqual([[article.id, P5]]);
    expect(moved[0].sentenceId).not.toBe(sentence.id);
  });

  it('places an orphan again when a later revision brings its words back', async () => {
    const { team, record, article, deleted } = await setup();
    await importFile(team.project.id, jsonl('edited', { ...record, text: EDITED }));
    expect((await testDb().annotation.findUniqueOrThrow({ where: { id: deleted.id } })).orphaned).toBe(true);
    const restored = await importFile(team.project.id, jsonl('restored', { ...record, text: ORIGINAL }));
    expect(restored).toMatchObject({ revised: 1, orphaned: 0 });
    expect(await testDb().annotation.findUniqueOrThrow({ where: { id: deleted.id } })).toMatchObject({ orphaned: false, start: deleted.start, exact: deleted.exact, anchorScore: 1 });
    expect(await testDb().articleRevision.count({ where: { articleId: article.id } })).toBe(2);
  });

  it('offers a best guess for an orphan whose words were reworded, and placing it there keeps its links, claim and history', async () => {
    const { team, record, article, deleted, shifted } = await setup();
    const link = await createLink(as(team.analyst), { fromAnnotationId: deleted.id, toAnnotationId: shifted.id, kind: 'corroborates' });
    await reviewAnnotation(as(team.reviewer), deleted.id, { decision: 'approve', comment: 'clear', version: 1 });
    await testDb().link.update({ where: { id: link.id }, data: { status: 'APPROVED', reviewedById: team.reviewer.id, reviewedAt: new Date() } });
    const reworded = [P1, P2, P3, 'Washington said it would make Iran pay for the breach.', P5].join('\n\n');
    expect(await importFile(team.project.id, jsonl('reworded', { ...record, text: reworded }))).toMatchObject({ revised: 1, orphaned: 1 });

    auth.caller = as(team.reviewer);
    const [orphan] = (await get(orphansRoute.GET, { projectId: team.project.id })).json.orphans;
    // The approximate match is as long as the old quote: it runs on into the next words, for a person to judge.
    const guessed = spanOf(reworded, 'Washington said it would make Iran pay for the');
    expect(orphan).toMatchObject({ id: deleted.id, links: 1, claimId: null, guess: { start: guessed.start, end: guessed.end, exact: guessed.exact } });
    expect(orphan.guess.score).toBeGreaterThanOrEqual(0.4);
    expect(orphan.guess.score).toBeLessThan(0.7);

    const place = async (version: number) => {
      const res = await placeRoute.POST(new Request('http://localhost/api/v1/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ start: guessed.start, end: guessed.end, version }) }), { params: Promise.resolve({ annotationId: deleted.id }) });
      return { status: res.status, json: await res.json() };
    };
    // A reviewer, not its author, may not move it; a stale version is refused.
    expect((await place(orphan.version)).status).toBe(403);
    auth.caller = as(team.analyst);
    expect((await place(orphan.version - 1)).status).toBe(409);
    const placed = await place(orphan.version);
    expect(placed.status).toBe(200);
    // Other words now: pending review again (the approval stays in its history).
    expect(placed.json).toMatchObject({ id: deleted.id, exact: guessed.exact, orphaned: false, status: 'pending', version: orphan.version + 1 });
    expect(await testDb().annotation.findUniqueOrThrow({ where: { id: deleted.id }, select: { textHash: true, prefix: true } })).toEqual({
      textHash: (await testDb().article.findUniqueOrThrow({ where: { id: article.id } })).textHash,
      prefix: [...reworded].slice(Math.max(0, guessed.start - 32), guessed.start).join(''),
    });
    // The decision is cleared with it, and the link's, judged on the old words too.
    expect(await testDb().annotation.findUniqueOrThrow({ where: { id: deleted.id }, select: { reviewedById: true, reviewComment: true } })).toEqual({ reviewedById: null, reviewComment: null });
    expect(await testDb().link.findUniqueOrThrow({ where: { id: link.id }, select: { status: true, reviewedById: true } })).toEqual({ status: 'PENDING', reviewedById: null });
    expect(await testDb().auditEvent.count({ where: { objectId: link.id, action: 'link.reopen' } })).toBe(1);
    expect((await get(orphansRoute.GET, { projectId: team.project.id })).json.orphans).toEqual([]);
    const events = await testDb().auditEvent.findMany({ where: { objectId: deleted.id }, orderBy: { seq: 'asc' }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(['annotation.create', 'annotation.review', 'annotation.orphan', 'annotation.place']);
    // Placed once, it is no orphan: placing again is refused.
    expect((await place(orphan.version + 1)).status).toBe(409);
  });

  it('widens a best guess that starts or ends inside a word to whole words', async () => {
    const team = await makeTeam();
    const record = { externalId: `rw-${suffix()}`, title: 'Reworded', text: 'Tehran said: We reject these accusations. Nothing more was said.' };
    await importFile(team.project.id, jsonl('rw', record));
    const article = await testDb().article.findFirstOrThrow({ where: { projectId: team.project.id, externalId: record.externalId } });
    const span = await createAnnotation(as(team.analyst), article.id, { ...spanOf(record.text, 'We reject these accusations.'), label: 'denial' });
    const text = 'Tehran said: We firmly reject such accusations. Nothing more was said.';
    expect(await importFile(team.project.id, jsonl('rw2', { ...record, text }))).toMatchObject({ revised: 1, orphaned: 1 });
    auth.caller = as(team.analyst);
    const [orphan] = (await get(orphansRoute.GET, { projectId: team.project.id })).json.orphans;
    expect(orphan.id).toBe(span.id);
    // The approximate match alone began inside "firmly" ("ly reject such accusations.").
    // As long as the old quote, it loses "We" to the inserted word: a person judges that, but never half a word.
    expect(orphan.guess).toMatchObject({ ...spanOf(text, 'firmly reject such accusations.') });
  });
});
