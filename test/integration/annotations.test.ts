import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { updateAnnotation } from '@/lib/annotations/update-annotation';
import { deleteAnnotation } from '@/lib/annotations/delete-annotation';
import { getArticle } from '@/lib/articles/get-article';
import { reviewAnnotation } from '@/lib/review/review-annotation';
import { listObjectHistory } from '@/lib/audit/list-events';
import { AppError } from '@/lib/errors';
import { as, expectAppError } from '../app-error';
import { makeTeam, testDb } from '../factories';



// Emoji (astral + ZWJ), a flag, combining marks (NFD input becomes NFC), CRLF.
const TRICKY = 'Rama 🇦🇱 said:\r\n“Iran 👩‍💻 did it.” Cafe\u0301 owner denied. 中文 שלום';

describe('tagging spans', () => {
  it('stores code-point offsets with the quote, prefix and suffix taken from the canonical text', async () => {
    const team = await makeTeam(TRICKY);
    const stored = await testDb().article.findUniqueOrThrow({ where: { id: team.article.id }, select: { text: true } });
    // CRLF became LF and e + combining acute became é.
    expect(stored.text).toBe('Rama 🇦🇱 said:\n“Iran 👩‍💻 did it.” Café owner denied. 中文 שלום');
    const cps = Array.from(stored.text);
    const start = cps.indexOf('I');
    const end = start + Array.from('Iran 👩‍💻 did it.').length;
    const span = await createAnnotation(as(team.analyst), team.article.id, { start, end, label: 'assertion', speaker: 'Edi Rama' });
    expect(span.exact).toBe('Iran 👩‍💻 did it.');
    expect(span.prefix).toBe(cps.slice(Math.max(0, start - 32), start).join(''));
    expect(span.suffix).toBe(cps.slice(end, end + 32).join(''));
    expect(span).toMatchObject({ start, end, label: 'assertion', status: 'pending', version: 1, speaker: 'Edi Rama' });
    expect(span.textHash).toBe(team.article.textHash);

    const caf = cps.indexOf('C');
    const denial = await createAnnotation(as(team.analyst2), team.article.id, { start: caf, end: caf + 'Café owner denied'.length, label: 'denial' });
    expect(denial.exact).toBe('Café owner denied');

    const { annotations } = await getArticle(team.analyst2.id, team.article.id);
    expect(annotations.map((a) => a.exact)).toEqual(['Iran 👩‍💻 did it.', 'Café owner denied']);
  });

  it('refuses offsets past the end of the article, naming the field, and stores nothing', async () => {
    const team = await makeTeam('short text');
    const error = await expectAppError(createAnnotation(as(team.analyst), team.article.id, { start: 2, end: 11, label: 'evidence' }), 'BAD_REQUEST');
    expect(error.fields).toHaveProperty('end');
    expect(await testDb().annotation.count({ where: { articleId: team.article.id } })).toBe(0);
  });

  it('refuses a span when the client saw different text (stale article)', async () => {
    const team = await makeTeam('Albania cut ties with Iran.');
    await expectAppError(createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 7, label: 'assertion', exact: 'Albanie' }), 'CONFLICT');
    const ok = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 7, label: 'assertion', exact: 'Albania' });
    expect(ok.exact).toBe('Albania');
  });

  it('answers 404 for an article of another project, and stores nothing', async () => {
    const team = await makeTeam();
    await expectAppError(createAnnotation(as(team.outsider), team.article.id, { start: 0, end: 7, label: 'assertion' }), 'NOT_FOUND');
    await expectAppError(getArticle(team.outsider.id, team.article.id), 'NOT_FOUND');
    expect(await testDb().annotation.count({ where: { articleId: team.article.id } })).toBe(0);
  });

  it('lets reviewers read but not tag', async () => {
    const team = await makeTeam();
    await expectAppError(createAnnotation(as(team.reviewer), team.article.id, { start: 0, end: 7, label: 'assertion' }), 'FORBIDDEN');
    const { article } = await getArticle(team.reviewer.id, team.article.id);
    expect(article.id).toBe(team.article.id);
  });

  it('refuses a whitespace-only span', async () => {
    const team = await makeTeam('a    b');
    await expectAppError(createAnnotation(as(team.analyst), team.article.id, { start: 1, end: 4, label: 'assertion' }), 'BAD_REQUEST');
  });
});

describe('editing and deleting spans', () => {
  it('edits with the current version, and refuses a stale one with 409 without changing anything', async () => {
    const team = await makeTeam();
    const span = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 7, label: 'assertion' });
    const edited = await updateAnnotation(as(team.analyst), span.id, { label: 'evidence', note: 'from the PM', version: 1 });
    expect(edited).toMatchObject({ label: 'evidence', note: 'from the PM', version: 2 });
    const error = await expectAppError(updateAnnotation(as(team.analyst), span.id, { label: 'denial', version: 1 }), 'CONFLICT');
    expect(error.fields).toHaveProperty('version');
    const row = await testDb().annotation.findUniqueOrThrow({ where: { id: span.id } });
    expect(row.label).toBe('EVIDENCE');
    expect(row.version).toBe(2);
  });

  it('an edit of a reviewed span returns what is stored, and its history holds the span before and after', async () => {
    const team = await makeTeam();
    const span = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 7, label: 'assertion', note: 'first', speaker: 'PM' });
    const reviewed = await reviewAnnotation(as(team.reviewer), span.id, { decision: 'reject', comment: 'Not a claim', version: 1 });
    const edited = await updateAnnotation(as(team.analyst), span.id, { note: '', speaker: 'Ministry 🇦🇱', version: reviewed.version });
    // What the edit answered is what a fresh read gives.
    const { annotations } = await getArticle(team.analyst.id, team.article.id);
    expect(annotations.find((a) => a.id === span.id)).toEqual(edited);
    expect(edited).toMatchObject({ label: 'assertion', note: null, speaker: 'Ministry 🇦🇱', status: 'pending', reviewComment: null, reviewedAt: null, version: 3 });
    const history = await listObjectHistory(team.analyst.id, 'annotation', span.id);
    const update = history.find((e) => e.action === 'annotation.update');
    expect(update?.before).toEqual(reviewed);
    expect(update?.after).toEqual(edited);
  });

  it('of many concurrent edits made against the same version, exactly one wins', async () => {
    const team = await makeTeam();
    const span = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 7, label: 'assertion' });
    const notes = Array.from({ length: 12 }, (_, i) => `note ${i}`);
    const results = await Promise.allSettled(notes.map((note) => updateAnnotation(as(team.admin), span.id, { note, version: 1 })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('CONFLICT');
    const row = await testDb().annotation.findUniqueOrThrow({ where: { id: span.id } });
    expect(row.version).toBe(2);
    expect(row.note).toBe((won[0] as PromiseFulfilledResult<{ note: string }>).value.note);
  });

  it("lets only the author or an admin change a span; other projects get 404", async () => {
    const team = await makeTeam();
    const span = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 7, label: 'assertion' });
    await expectAppError(updateAnnotation(as(team.analyst2), span.id, { note: 'x', version: 1 }), 'FORBIDDEN');
    await expectAppError(deleteAnnotation(as(team.reviewer), span.id), 'FORBIDDEN');
    await expectAppError(deleteAnnotation(as(team.outsider), span.id), 'NOT_FOUND');
    await expectAppError(updateAnnotation(as(team.outsider), span.id, { note: 'x', version: 1 }), 'NOT_FOUND');
    expect(await testDb().annotation.count({ where: { id: span.id } })).toBe(1);
    await deleteAnnotation(as(team.admin), span.id);
    expect(await testDb().annotation.count({ where: { id: span.id } })).toBe(0);
  });
});
