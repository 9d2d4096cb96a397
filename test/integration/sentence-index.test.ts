import { describe, expect, it } from 'vitest';
import { addArticles } from '@/lib/corpus/add-articles';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { importRunning, indexSentences } from '@/lib/sentences/index-sentences';
import { searchProject } from '@/lib/search/search-project';
import { suggestFor } from '@/lib/suggestions/suggest-for-span';
import { makeArticle, makeTeam, suffix, testDb } from '../factories';
import { as } from '../app-error';

// A bulk import leaves its sentences' tsvectors to lib/sentences/index-sentences.ts,
// after its commit; search and suggestions must find them all the same.

const PARAPHRASE = 'Investigators found that the July cyberattack was orchestrated by hackers working for Iran’s intelligence ministry.';

async function projectState(projectId: string) {
  const [row] = await testDb().$queryRaw<{ total: number; unindexed: number; exact: boolean | null }[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE s.tsv IS NULL)::int AS unindexed,
           bool_and(s.tsv = to_tsvector('english', s.text)) FILTER (WHERE s.tsv IS NOT NULL) AS exact
      FROM "Sentence" s JOIN "Article" a ON a.id = s."articleId" WHERE a."projectId" = ${projectId}`;
  return row;
}

/** As just after an import whose indexer has not been by yet. */
const unindex = (projectId: string) =>
  testDb().$executeRaw`UPDATE "Sentence" s SET tsv = NULL FROM "Article" a WHERE a.id = s."articleId" AND a."projectId" = ${projectId}`;

async function corpus() {
  const team = await makeTeam('Rama said Iran orchestrated the cyberattack against state servers. 👩‍💻 Officials agreed.');
  await addArticles(team.project.id, [
    { title: 'Ties cut', outlet: 'Balkan Post', externalId: `ties-${suffix()}`, text: `Albania 🇦🇱 cut ties with Tehran.\r\n${PARAPHRASE}` },
    { title: 'Oil', outlet: 'Daily Digest', externalId: `oil-${suffix()}`, text: 'Iran exported more oil to China this year. Cafe\u0301 owners were calm.' },
  ]);
  const start = Array.from('Rama said ').length;
  const span = await createAnnotation(as(team.analyst), team.article.id, { start, end: start + Array.from('Iran orchestrated the cyberattack').length, label: 'assertion' });
  return { team, span };
}

describe('the sentence index', () => {
  it('is filled by the indexer after an import, with what PostgreSQL computes from each sentence', async () => {
    const { team } = await corpus();
    await indexSentences();
    const state = await projectState(team.project.id);
    expect(state.total).toBeGreaterThanOrEqual(5);
    expect(state).toMatchObject({ unindexed: 0, exact: true });
  });

  it('does not stand between an import and search or suggestions: unindexed sentences are found as indexed ones are', async () => {
    const { team, span } = await corpus();
    await indexSentences();
    const search = async () => (await searchProject(as(team.reviewer), team.project.id, 'orchestrating cyberattacks')).sentences.map((s) => [s.text, s.highlights]);
    const suggest = async () => (await suggestFor(as(team.analyst), span.id)).map((s) => [s.text, s.score]);
    const indexed = { search: await search(), suggest: await suggest() };
    expect(indexed.search.map(([text]) => text)).toContain(PARAPHRASE);
    expect(indexed.suggest.map(([text]) => text)).toContain(PARAPHRASE);

    await unindex(team.project.id);
    expect((await projectState(team.project.id)).unindexed).toBeGreaterThanOrEqual(5);
    expect(await search()).toEqual(indexed.search);
    expect(await suggest()).toEqual(indexed.suggest);
    const cafe = await searchProject(as(team.reviewer), team.project.id, 'café');
    expect(cafe.sentences.map((s) => s.text)).toEqual(['Café owners were calm.']);

    expect(await indexSentences()).toBeGreaterThanOrEqual(5);
    expect(await projectState(team.project.id)).toMatchObject({ unindexed: 0, exact: true });
    expect(await search()).toEqual(indexed.search);
  });

  it('finds only the searched project’s unindexed sentences, whoever else imported the same text', async () => {
    const { team, span } = await corpus();
    await addArticles(team.otherProject.id, [{ title: 'Copy', externalId: `copy-${suffix()}`, text: PARAPHRASE }]);
    await unindex(team.project.id);
    await unindex(team.otherProject.id);
    const found = (await searchProject(as(team.reviewer), team.project.id, 'orchestrating cyberattacks')).sentences.filter((s) => s.text === PARAPHRASE);
    expect(found.map((s) => s.articleTitle)).toEqual(['Ties cut']);
    const suggested = (await suggestFor(as(team.analyst), span.id)).filter((s) => s.text === PARAPHRASE);
    expect(suggested.map((s) => s.articleTitle)).toEqual(['Ties cut']);
  });

  it('indexes an article stored on its own (a revision, a single article) in its own transaction', async () => {
    const team = await makeTeam('Tirana expelled the diplomats. Tehran called it a provocation.');
    await makeArticle(team.project.id, { text: 'A second article. It has two sentences.' });
    expect(await projectState(team.project.id)).toMatchObject({ unindexed: 0, exact: true });
  });

  it('waits while an import runs in this process, then catches up', async () => {
    const team = await makeTeam('One sentence here. Another one there.');
    await unindex(team.project.id);
    const ended = importRunning();
    let done = false;
    const pass = indexSentences().then((n) => ((done = true), n));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(done).toBe(false);
    expect((await projectState(team.project.id)).unindexed).toBe(2);
    // A second call joins the pass under way.
    expect(indexSentences()).toBe(indexSentences());
    ended();
    expect(await pass).toBeGreaterThanOrEqual(2);
    expect(await projectState(team.project.id)).toMatchObject({ unindexed: 0, exact: true });
  });
});

describe('a sentence and its article (checked per statement, in place of a foreign key)', () => {
  const sentencesOf = (articleId: string) => testDb().sentence.count({ where: { articleId } });

  it('refuses a sentence of an article that does not exist, and stores none of the statement', async () => {
    const team = await makeTeam('Tirana expelled the diplomats.');
    const insert = testDb().$executeRaw`
      INSERT INTO "Sentence" (id, "articleId", start, "end", text)
      VALUES (${`s-${suffix()}`}, ${team.article.id}, 0, 5, 'Tiran'), (${`s-${suffix()}`}, 'no-such-article', 0, 5, 'Tiran')`;
    await expect(insert).rejects.toThrow(/Sentence_articleId_fkey/);
    expect(await sentencesOf(team.article.id)).toBe(1);
  });

  it('deletes the sentences of a deleted article, and of a deleted project’s articles', async () => {
    const team = await makeTeam('Tirana expelled the diplomats. Tehran called it a provocation.');
    const other = await makeArticle(team.project.id, { text: 'A second article. It has two sentences.' });
    const kept = await makeArticle(team.otherProject.id, { text: 'Elsewhere. Untouched.' });
    await testDb().article.delete({ where: { id: team.article.id } });
    expect(await sentencesOf(team.article.id)).toBe(0);
    expect(await sentencesOf(other.id)).toBe(2);
    await testDb().project.delete({ where: { id: team.project.id } });
    expect(await sentencesOf(other.id)).toBe(0);
    expect(await sentencesOf(kept.id)).toBe(2);
  });

  it('keeps a sentence on its article, and an article its id', async () => {
    const team = await makeTeam('Tirana expelled the diplomats.');
    const other = await makeArticle(team.project.id, { text: 'Another.' });
    await expect(testDb().sentence.updateMany({ where: { articleId: team.article.id }, data: { articleId: other.id } })).rejects.toThrow(/does not change/);
    await expect(testDb().article.update({ where: { id: other.id }, data: { id: `moved-${suffix()}` } })).rejects.toThrow(/does not change/);
    expect(await sentencesOf(team.article.id)).toBe(1);
  });
});
