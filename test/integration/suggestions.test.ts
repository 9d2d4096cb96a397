import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { suggestFor } from '@/lib/suggestions/suggest-for-span';
import { dismissSuggestion } from '@/lib/suggestions/dismiss-suggestion';
import { rankSentences } from '@/lib/suggestions/rank-sentences';
import { createLink } from '@/lib/links/create-link';
import { searchProject } from '@/lib/search/search-project';
import { searchQuery } from '@/lib/search/schema';
import { addArticles } from '@/lib/corpus/add-articles';
import { backfillSentences } from '@/lib/sentences/backfill-sentences';
import { articleFields } from '@/lib/articles/article-fields';
import type { Caller } from '@/lib/auth/caller';
import { makeArticle, makeTeam, suffix, testDb } from '../factories';
import { as, expectAppError } from '../app-error';

const slice = (text: string, [a, b]: [number, number]) => Array.from(text).slice(a, b).join('');


async function tag(caller: Caller, article: { id: string; text: string }, needle: string) {
  const unit = article.text.indexOf(needle);
  const start = Array.from(article.text.slice(0, unit)).length;
  return createAnnotation(caller, article.id, { start, end: start + Array.from(needle).length, label: 'assertion' });
}

const SOURCE = [
  'Prime Minister Edi Rama spoke in Tirana on Wednesday.',
  'He said Iran orchestrated the cyberattack against state servers.',
  'Rama repeated that Iran orchestrated the cyberattack.',
].join(' ');

const PARAPHRASE = 'Investigators found that the July cyberattack was orchestrated by hackers working for Iran’s intelligence ministry.';
const OTHER_ARTICLES = [
  {
    title: 'Ties cut',
    outlet: 'Balkan Post',
    text: `Albania 🇦🇱 cut diplomatic ties with Tehran. ${PARAPHRASE}\n\nThe embassy was closed within a day.`,
  },
  {
    title: 'Oil and football',
    outlet: 'Daily Digest',
    text: 'Iran exported more oil to China this year. The orchestra played in Tirana. Football fans celebrated the cup.',
  },
  {
    title: 'Markets',
    outlet: null,
    text: 'Markets were calm on Thursday.\nA cyberattack hit a bank in Peru last spring.',
  },
];

/** A project whose articles are stored through the import path, so every one has its sentences. */
async function corpus() {
  const team = await makeTeam(SOURCE);
  const source = { id: team.article.id, text: team.article.text };
  await addArticles(team.project.id, OTHER_ARTICLES.map((a) => ({ ...a, externalId: `${a.title}-${suffix()}` })));
  // The same sentence in another project must never be suggested.
  await makeArticle(team.otherProject.id, { text: 'Iran orchestrated the cyberattack, officials said.' });
  const span = await tag(as(team.analyst), source, 'Iran orchestrated the cyberattack');
  return { team, source, span };
}

describe('sentences', () => {
  it('are stored with every article, with code-point offsets that slice back to their text', async () => {
    const team = await makeTeam('Rama 🇦🇱 spoke.\r\nIran 👩‍💻 denied it. Mr. Smith agreed.');
    const article = await testDb().article.findUniqueOrThrow({ where: { id: team.article.id }, select: { text: true } });
    const rows = await testDb().sentence.findMany({ where: { articleId: team.article.id }, orderBy: { start: 'asc' }, select: { start: true, end: true, text: true } });
    expect(rows.map((r) => r.text)).toEqual(['Rama 🇦🇱 spoke.', 'Iran 👩‍💻 denied it.', 'Mr. Smith agreed.']);
    for (const r of rows) expect(slice(article.text, [r.start, r.end])).toBe(r.text);
    // Postgres counts characters in code points too.
    const [check] = await testDb().$queryRaw<{ ok: boolean }[]>`
      SELECT bool_and(substring(ar.text FROM s.start + 1 FOR s."end" - s.start) = s.text) AS ok
        FROM "Sentence" s JOIN "Article" ar ON ar.id = s."articleId" WHERE ar.id = ${team.article.id}`;
    expect(check.ok).toBe(true);
  });

  it('are made for articles stored before sentences existed, once', async () => {
    const team = await makeTeam();
    const old = await testDb().article.create({
      data: { ...articleFields({ title: 'Old', text: 'Stored long ago. Without sentences.' }), projectId: team.project.id },
      select: { id: true },
    });
    expect(await backfillSentences(team.project.id)).toBe(1);
    expect(await backfillSentences(team.project.id)).toBe(0);
    const rows = await testDb().sentence.findMany({ where: { articleId: old.id }, orderBy: { start: 'asc' }, select: { text: true } });
    expect(rows.map((r) => r.text)).toEqual(['Stored long ago.', 'Without sentences.']);
  });

  it('go with their article when it is deleted', async () => {
    const team = await makeTeam('One. Two.');
    expect(await testDb().sentence.count({ where: { articleId: team.article.id } })).toBe(2);
    await testDb().article.delete({ where: { id: team.article.id } });
    expect(await testDb().sentence.count({ where: { articleId: team.article.id } })).toBe(0);
  });
});

describe('suggested matches', () => {
  it('rank a paraphrase from another article above unrelated sentences, with the matching words marked', async () => {
    const { team, span } = await corpus();
    const suggestions = await suggestFor(as(team.reviewer), span.id);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(10);
    const [best] = suggestions;
    expect(best).toMatchObject({ text: PARAPHRASE, articleTitle: 'Ties cut', outlet: 'Balkan Post' });
    const article = await testDb().article.findUniqueOrThrow({ where: { id: best.articleId }, select: { text: true } });
    expect(slice(article.text, [best.start, best.end])).toBe(PARAPHRASE);
    expect(best.highlights.map((h) => slice(best.text, h))).toEqual(expect.arrayContaining(['cyberattack', 'orchestrated', 'Iran']));
    const scores = suggestions.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const unrelated = suggestions.filter((s) => s.text !== PARAPHRASE);
    for (const s of unrelated) expect(s.score).toBeLessThan(best.score);
    // Nothing from the span's own article, nothing from another project.
    expect(suggestions.every((s) => s.articleId !== span.articleId)).toBe(true);
    const projects = await testDb().article.findMany({ where: { id: { in: suggestions.map((s) => s.articleId) } }, select: { projectId: true } });
    expect(new Set(projects.map((p) => p.projectId))).toEqual(new Set([team.project.id]));
    // Sentences that share no word with the span are never candidates.
    expect(suggestions.map((s) => s.text)).not.toContain('The embassy was closed within a day.');
  });

  it('respect the limit, and never include dismissed sentences for that span', async () => {
    const { team, span } = await corpus();
    const all = await suggestFor(as(team.analyst), span.id);
    expect(await suggestFor(as(team.analyst), span.id, 1)).toEqual([all[0]]);
    const dismissal = await dismissSuggestion(as(team.analyst), span.id, all[0].sentenceId);
    expect(dismissal).toMatchObject({ annotationId: span.id, sentenceId: all[0].sentenceId });
    await dismissSuggestion(as(team.analyst2), span.id, all[0].sentenceId); // again: harmless
    const after = await suggestFor(as(team.analyst), span.id);
    expect(after.map((s) => s.sentenceId)).toEqual(all.slice(1).map((s) => s.sentenceId));
    // Dismissals are per span: another span still gets that sentence.
    const other = await tag(as(team.analyst), { id: span.articleId, text: SOURCE }, 'Rama repeated that Iran orchestrated the cyberattack');
    expect((await suggestFor(as(team.analyst), other.id)).map((s) => s.sentenceId)).toContain(all[0].sentenceId);
  });

  it('leave out a sentence once the span is linked to a span inside it', async () => {
    const { team, span } = await corpus();
    const [best] = await suggestFor(as(team.analyst), span.id);
    const match = await createAnnotation(as(team.analyst), best.articleId, { start: best.start + 4, end: best.end - 1, label: 'evidence' });
    await createLink(as(team.analyst), { fromAnnotationId: match.id, toAnnotationId: span.id, kind: 'corroborates' });
    const after = await suggestFor(as(team.analyst), span.id);
    expect(after.map((s) => s.sentenceId)).not.toContain(best.sentenceId);
    expect(after.length).toBeGreaterThan(0);
  });

  it('answer 404 outside the caller’s projects; dismissing needs an analyst and a sentence of the same project', async () => {
    const { team, span } = await corpus();
    await expectAppError(suggestFor(as(team.outsider), span.id), 'NOT_FOUND');
    const [first] = await suggestFor(as(team.analyst), span.id);
    await expectAppError(dismissSuggestion(as(team.reviewer), span.id, first.sentenceId), 'FORBIDDEN');
    await expectAppError(dismissSuggestion(as(team.outsider), span.id, first.sentenceId), 'NOT_FOUND');
    const foreign = await testDb().sentence.findFirstOrThrow({ where: { article: { projectId: team.otherProject.id } }, select: { id: true } });
    await expectAppError(dismissSuggestion(as(team.analyst), span.id, foreign.id), 'NOT_FOUND');
    expect(await testDb().suggestionDismissal.count({ where: { annotationId: span.id } })).toBe(0);
  });

  it('weigh the whole article: a passage of an article on the same story beats an equal one of an article that shares a word by chance', async () => {
    const team = await makeTeam('Placeholder source text.');
    const claim = 'Iranian hackers attacked Albanian government servers';
    await addArticles(team.project.id, [
      {
        title: 'On the story',
        externalId: `story-${suffix()}`,
        text: 'Government servers went dark. Hackers from Iran were blamed. Albanian officials met in Tirana.',
      },
      {
        title: 'By chance',
        externalId: `chance-${suffix()}`,
        text: 'Government servers went dark. The harvest festival opened. Farmers sold apples at the market.',
      },
      {
        // Many matching sentences in one article: suggestions should still reach other articles.
        title: 'Repetitive',
        externalId: `repeat-${suffix()}`,
        text: Array.from({ length: 6 }, (_, i) => `Iranian hackers attacked Albanian government servers, report ${i + 1} said.`).join(' '),
      },
    ]);
    const ranked = await rankSentences(team.project.id, claim, { limit: 10 });
    const score = (title: string, text: string) => ranked.find((r) => r.articleTitle === title && r.text === text)?.score ?? 0;
    // The same sentence, word for word, in two articles: the one whose article is about the claim ranks higher.
    expect(score('On the story', 'Government servers went dark.')).toBeGreaterThan(score('By chance', 'Government servers went dark.'));
    // At most two sentences of one article, however many match.
    const perArticle = new Map<string, number>();
    for (const r of ranked) perArticle.set(r.articleTitle, (perArticle.get(r.articleTitle) ?? 0) + 1);
    expect(perArticle.get('Repetitive')).toBe(2);
    expect(perArticle.has('On the story')).toBe(true);
  });

  it('still come when the span\'s rarest words are only in its own article: a second, wider match takes commoner words', async () => {
    const team = await makeTeam('Placeholder source text.');
    await addArticles(team.project.id, [
      { title: 'Own', externalId: `own-${suffix()}`, text: 'Aardvark monitors said the cyberattack hit Tirana servers.' },
      { title: 'Other', externalId: `other-${suffix()}`, text: 'The cyberattack hit Tirana servers, officials said.' },
    ]);
    const byTitle = (title: string) => testDb().article.findFirstOrThrow({ where: { projectId: team.project.id, title }, select: { id: true } });
    const [own, other] = await Promise.all([byTitle('Own'), byTitle('Other')]);
    // A budget of 0 matches on the one rarest lexeme ("aardvark"), found only in the span's own article.
    const ranked = await rankSentences(team.project.id, 'Aardvark monitors said the cyberattack hit Tirana servers.', { excludeArticleId: own.id, limit: 5, matchBudgetRows: 0 });
    expect(ranked.map((r) => [r.articleId, r.text])).toEqual([[other.id, 'The cyberattack hit Tirana servers, officials said.']]);
  });

  it('can be ranked for any text, such as a headline, within one project', async () => {
    const { team } = await corpus();
    const ranked = await rankSentences(team.project.id, 'Iran’s spies orchestrated Albanian cyberattack', { limit: 3 });
    expect(ranked[0].text).toMatch(/orchestrated/);
    expect(ranked.length).toBeLessThanOrEqual(3);
    expect(await rankSentences(team.project.id, 'the and of', { limit: 5 })).toEqual([]);
    expect(await rankSentences(team.project.id, '   ', { limit: 5 })).toEqual([]);
  });
});

describe('project search', () => {
  it('a "phrase" finds passages that hold it as written, stop words included', async () => {
    const team = await makeTeam('Nothing here.');
    await makeArticle(team.project.id, {
      title: 'Wives',
      text: 'She is not the wife of the leader.\nThe wife of the injured man spoke.\nIt is not over, officials say.\nHe isn’t the one.',
    });
    const texts = async (q: string) => (await searchProject(as(team.reviewer), team.project.id, q)).sentences.map((s) => s.text);
    expect(await texts('"not the wife"')).toEqual(['She is not the wife of the leader.']);
    // Stop words alone: full text search keeps nothing of them; the phrase still finds its passages.
    expect(await texts('"is not"')).toEqual(expect.arrayContaining(['She is not the wife of the leader.', 'It is not over, officials say.']));
    expect(await texts('"is not"')).toHaveLength(2);
    expect(await texts('"isn\'t the"')).toEqual(['He isn’t the one.']);
    // An excluded phrase is no requirement.
    expect(await texts('wife -"not the wife"')).toEqual(['The wife of the injured man spoke.']);
  });

  it('says when a list stops at its limit with more matches left', async () => {
    const team = await makeTeam('Nothing here.');
    const text = Array.from({ length: 55 }, (_, i) => `Sanctions were announced on day ${i + 1}.`).join('\n');
    await makeArticle(team.project.id, { title: 'Sanctions diary', text });
    const many = await searchProject(as(team.reviewer), team.project.id, 'sanctions');
    expect(many.sentences).toHaveLength(50);
    expect(many.more).toEqual({ sentences: true, articles: false, spans: false });
    const few = await searchProject(as(team.reviewer), team.project.id, '"day 7"');
    expect(few.more.sentences).toBe(false);
    // Page 2 goes on where page 1 stopped: the other 5, none twice; the article list (one article) is done.
    const next = await searchProject(as(team.reviewer), team.project.id, 'sanctions', 2);
    expect(next).toMatchObject({ page: 2, articles: [], more: { sentences: false } });
    expect(next.sentences).toHaveLength(5);
    const seen = new Set([...many.sentences, ...next.sentences].map((s) => s.sentenceId));
    expect(seen.size).toBe(55);
  });

  it('finds sentences by stemmed words, articles by title or content, and spans by quote', async () => {
    const { team, span } = await corpus();
    const result = await searchProject(as(team.reviewer), team.project.id, 'orchestrating cyberattacks');
    const texts = result.sentences.map((s) => s.text);
    expect(texts).toContain(PARAPHRASE);
    expect(texts).toContain('He said Iran orchestrated the cyberattack against state servers.');
    const hit = result.sentences.find((s) => s.text === PARAPHRASE)!;
    expect(hit.highlights.map((h) => slice(hit.text, h))).toEqual(['cyberattack', 'orchestrated']);
    expect(result.articles.map((a) => a.title)).toEqual(expect.arrayContaining(['Ties cut']));
    expect(result.articles.find((a) => a.title === 'Ties cut')?.snippet).toBe(PARAPHRASE);

    const byTitle = await searchProject(as(team.reviewer), team.project.id, 'football');
    expect(byTitle.articles[0]).toMatchObject({ title: 'Oil and football', outlet: 'Daily Digest' });

    const spans = await searchProject(as(team.reviewer), team.project.id, 'ORCHESTRATED THE');
    expect(spans.spans).toEqual([expect.objectContaining({ id: span.id, exact: 'Iran orchestrated the cyberattack', label: 'assertion' })]);

    // A word typed in part finds the words it begins, marked whole, and the passage opens where it is.
    const partial = await searchProject(as(team.reviewer), team.project.id, 'Orchestr cyberatt');
    expect(partial.sentences.map((s) => s.text)).toEqual(expect.arrayContaining([PARAPHRASE, 'He said Iran orchestrated the cyberattack against state servers.']));
    for (const s of partial.sentences) expect(s.highlights.map((h) => slice(s.text, h).toLowerCase())).toEqual(expect.arrayContaining(['cyberattack']));
    const passage = partial.sentences.find((s) => s.text === PARAPHRASE)!;
    const article = await testDb().article.findUniqueOrThrow({ where: { id: passage.articleId }, select: { title: true, text: true } });
    expect(article.title).toBe('Ties cut');
    expect(slice(article.text, [passage.start, passage.end])).toBe(PARAPHRASE); // what #cp-<start> opens at
    // Words that only begin with what was typed come after whole-word matches.
    const tirana = await searchProject(as(team.reviewer), team.project.id, 'Tira');
    expect(tirana.sentences.map((s) => s.text)).toEqual(expect.arrayContaining(['Prime Minister Edi Rama spoke in Tirana on Wednesday.', 'The orchestra played in Tirana.']));
    const orchestrated = await searchProject(as(team.reviewer), team.project.id, 'orchestrated');
    expect(orchestrated.sentences.at(-1)?.text).toBe('The orchestra played in Tirana.');
    // A word typed in part still begins words beside a "phrase" or an -exclusion.
    const withPhrase = await searchProject(as(team.reviewer), team.project.id, 'cyberatt "state servers"');
    expect(withPhrase.sentences.map((s) => s.text)).toEqual(['He said Iran orchestrated the cyberattack against state servers.']);
    const without = await searchProject(as(team.reviewer), team.project.id, 'cyberatt -servers');
    expect(without.sentences.map((s) => s.text)).toContain(PARAPHRASE);
    expect(without.sentences.map((s) => s.text)).not.toContain('He said Iran orchestrated the cyberattack against state servers.');
    // Symbols are no query syntax.
    expect((await searchProject(as(team.reviewer), team.project.id, '%_%')).sentences).toEqual([]);
    const symbols = await searchProject(as(team.reviewer), team.project.id, 'Iran & | ! <-> :*');
    expect(symbols.sentences.map((s) => s.text)).toContain('He said Iran orchestrated the cyberattack against state servers.');
  });

  it('answers 404 for another project and validates q', async () => {
    const { team } = await corpus();
    await expectAppError(searchProject(as(team.outsider), team.project.id, 'Iran'), 'NOT_FOUND');
    expect(searchQuery.safeParse({ q: '' }).success).toBe(false);
    expect(searchQuery.safeParse({ q: 'x'.repeat(201) }).success).toBe(false);
    expect(searchQuery.safeParse({ q: 'Iran', page: '0' }).success).toBe(false);
    expect(searchQuery.safeParse({ q: 'Iran', limit: '2' }).success).toBe(false);
  });
});
