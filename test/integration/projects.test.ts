import { describe, expect, it } from 'vitest';
import { listProjects } from '@/lib/projects/list-projects';
import { articleListQuery, listArticles, listOutlets, type ArticleListQuery } from '@/lib/articles/list-articles';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { AppError } from '@/lib/errors';
import { articleNeighbours } from '@/lib/articles/article-neighbours';
import { createProject } from '@/lib/projects/create-project';
import { createProjectInput } from '@/lib/projects/schema';
import { as } from '../app-error';
import { addMember, makeArticle, makeTeam, makeUser, testDb } from '../factories';

describe('projects and articles', () => {
  it('anyone signed in starts a project, holding every role in it; a taken name is refused and nothing is written', async () => {
    const user = await makeUser();
    const name = `Our corpus ${Math.random()}`;
    const project = await createProject(as(user), createProjectInput.parse({ name: `  ${name} `, description: 'Wire stories' }));
    expect(project).toMatchObject({ name, description: 'Wire stories', roles: ['admin', 'analyst', 'reviewer'], articleCount: 0 });
    expect((await listProjects(user.id)).map((p) => p.id)).toContain(project.id);
    const other = await makeUser();
    await expect(createProject(as(other), { name })).rejects.toMatchObject({ code: 'CONFLICT', fields: { name: 'taken' } });
    expect(await testDb().project.count({ where: { name } })).toBe(1);
    expect(await listProjects(other.id)).toEqual([]);
    expect(createProjectInput.safeParse({ name: '   ' }).success).toBe(false);
  });

  it('a user sees only the projects they belong to, with their roles', async () => {
    const team = await makeTeam();
    await addMember(team.analyst.id, team.project.id, 'REVIEWER');
    const mine = await listProjects(team.analyst.id);
    const entry = mine.find((p) => p.id === team.project.id);
    expect(entry?.roles.sort()).toEqual(['analyst', 'reviewer']);
    expect(mine.some((p) => p.id === team.otherProject.id)).toBe(false);
    expect((await listProjects(team.outsider.id)).map((p) => p.id)).toEqual([team.otherProject.id]);
  });

  it('lists articles with the count of each tag, and hides them from non-members', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it.');
    const caller = { ...team.analyst, via: 'token' as const };
    await createAnnotation(caller, team.article.id, { start: 0, end: 7, label: 'assertion' });
    await createAnnotation(caller, team.article.id, { start: 8, end: 16, label: 'assertion' });
    await createAnnotation(caller, team.article.id, { start: 28, end: 44, label: 'denial' });
    const {
      articles: [article],
    } = await listArticles(team.reviewer.id, team.project.id);
    expect(article.counts).toEqual({ assertion: 2, denial: 1, evidence: 0 });
    expect(article).not.toHaveProperty('text');
    await expect(listArticles(team.outsider.id, team.project.id)).rejects.toBeInstanceOf(AppError);
  });

  it('pages a large project in a stable order, and filters by title or outlet words and by outlet', async () => {
    const team = await makeTeam();
    // 25 more: 13 from Wire (dated), 12 from Daily (undated), one title in capitals.
    for (let i = 0; i < 25; i++) {
      await makeArticle(team.project.id, {
        title: i === 3 ? 'IRAN denies the ATTACK' : `Story ${String(i).padStart(2, '0')}`,
        outlet: i % 2 ? 'Daily' : 'Wire',
        published: i % 2 ? undefined : `2022-09-${String(1 + i).padStart(2, '0')}`,
        text: `Text number ${i}.`,
      });
    }
    const page = (q: Record<string, string>) => listArticles(team.reviewer.id, team.project.id, articleListQuery.parse(q));
    const pages = await Promise.all([1, 2, 3].map((p) => page({ perPage: '10', page: String(p) })));
    expect(pages.map((p) => p.articles.length)).toEqual([10, 10, 6]);
    expect(pages.every((p) => p.total === 26)).toBe(true);
    const ids = pages.flatMap((p) => p.articles.map((a) => a.id));
    expect(new Set(ids).size).toBe(26);
    // Oldest first, undated last.
    const dates = pages.flatMap((p) => p.articles.map((a) => a.published));
    const firstUndated = dates.indexOf(null);
    expect(dates.slice(0, firstUndated)).toEqual([...dates.slice(0, firstUndated)].sort());
    expect(dates.slice(firstUndated).every((d) => d === null)).toBe(true);
    expect((await page({ perPage: '10', page: '4' })).articles).toEqual([]);

    const daily = await page({ outlet: 'Daily' });
    expect(daily.total).toBe(12);
    expect(daily.articles.every((a) => a.outlet === 'Daily')).toBe(true);
    const words = await page({ q: 'attack' });
    expect(words.articles.map((a) => a.title)).toEqual(['IRAN denies the ATTACK']);
    expect((await page({ q: 'dail' })).total).toBe(12);
    // Every word, in any order and case; LIKE's wildcards are plain characters; the external id counts.
    expect((await page({ q: 'attack iran' })).articles.map((a) => a.title)).toEqual(['IRAN denies the ATTACK']);
    expect((await page({ q: 'attack wire' })).total).toBe(0);
    expect((await page({ q: '%' })).total).toBe(0);
    expect((await page({ q: '"attack"' })).total).toBe(1);
    const curly = await makeArticle(team.project.id, { title: 'Apple’s new phone', text: 'Phone.' });
    expect((await page({ q: "apple's" })).articles.map((a) => a.id)).toEqual([curly.id]);
    await testDb().article.delete({ where: { id: curly.id } });
    const fnc = await makeArticle(team.project.id, { title: 'An FNC-1 body', externalId: '2587', text: 'Body 2587.' });
    expect((await page({ q: '2587' })).articles.map((a) => [a.id, a.externalId])).toEqual([[fnc.id, '2587']]);
    await testDb().article.delete({ where: { id: fnc.id } });
    expect((await page({ q: 'stor_' })).total).toBe(0);
    expect((await page({ q: 'story', outlet: 'Wire' })).total).toBe(13);
    expect((await page({ q: 'story', outlet: 'Daily' })).total).toBe(11);

    // Articles nobody has tagged yet, and those with spans (the caller's visible ones).
    await createAnnotation({ ...team.analyst, via: 'token' }, words.articles[0].id, { start: 0, end: 4, label: 'evidence' });
    expect((await page({ spans: 'some' })).articles.map((a) => a.title)).toEqual(['IRAN denies the ATTACK']);
    expect((await page({ spans: 'none' })).total).toBe(25);
    expect((await page({ spans: 'none', outlet: 'Daily' })).total).toBe(11);

    expect(await listOutlets(team.analyst.id, team.project.id)).toEqual([
      { outlet: 'Daily', articles: 12 },
      { outlet: 'Test Outlet', articles: 1 },
      { outlet: 'Wire', articles: 13 },
    ]);
    // Articles without an outlet (FNC-1's) are filtered as "Unknown outlet", the matrix's name for them, listed last.
    const bare = await testDb().article.create({ data: { projectId: team.project.id, title: 'No outlet story', text: 'Body.', textHash: 'bare', length: 5 } });
    expect((await page({ outlet: 'Unknown outlet' })).articles.map((a) => [a.id, a.outlet])).toEqual([[bare.id, null]]);
    expect((await page({ outlet: 'Unknown outlet', q: 'daily' })).total).toBe(0);
    expect((await listOutlets(team.analyst.id, team.project.id)).at(-1)).toEqual({ outlet: 'Unknown outlet', articles: 1 });
    await testDb().article.delete({ where: { id: bare.id } });
    await expect(listOutlets(team.outsider.id, team.project.id)).rejects.toBeInstanceOf(AppError);
    expect(() => articleListQuery.parse({ perPage: '5000' })).toThrow();
  });

  it("an article's previous and next follow the project list's order, from first to last", async () => {
    const team = await makeTeam();
    for (const [title, published] of [['B same day', '2022-09-08'], ['A same day', '2022-09-08'], ['Undated', undefined], ['Earliest', '2022-07-15']] as const) {
      await makeArticle(team.project.id, { title, published, text: `${title}.` });
    }
    const listed = (await listArticles(team.analyst.id, team.project.id)).articles;
    expect(listed.map((a) => a.title).slice(0, 3)).toEqual(['Earliest', 'A same day', 'B same day']);
    const walked: string[] = [];
    let at: string | undefined = listed[0].id;
    while (at) {
      const n = await articleNeighbours(team.analyst.id, at);
      expect(n.position).toBe(walked.length + 1);
      expect(n.total).toBe(listed.length);
      expect(n.previous?.id ?? null).toBe(walked.at(-1) ?? null);
      walked.push(at);
      at = n.next?.id;
    }
    expect(walked).toEqual(listed.map((a) => a.id));
    await expect(articleNeighbours(team.outsider.id, team.article.id)).rejects.toBeInstanceOf(AppError);

    // From a filtered list, previous and next walk the matches; an article the filter no longer keeps falls back to the whole list.
    const dated = await articleNeighbours(team.analyst.id, listed[1].id, { q: 'same day' });
    expect(dated).toMatchObject({ position: 1, total: 2, filtered: true, previous: null, next: { id: listed[2].id } });
    expect(await articleNeighbours(team.analyst.id, listed[0].id, { q: 'same day' })).toMatchObject({ position: 1, total: listed.length, filtered: false });
    await expect(articleNeighbours(team.analyst.id, team.otherArticle.id)).rejects.toBeInstanceOf(AppError);

    // Sorted by a column, the list and the steps through it agree; missing dates stay last either way.
    const titles = async (sort: ArticleListQuery['sort']) => (await listArticles(team.analyst.id, team.project.id, articleListQuery.parse({ sort }))).articles.map((a) => a.title);
    const byTitle = await titles('title');
    expect(byTitle).toEqual([...byTitle].sort((a, b) => (a < b ? -1 : 1)));
    expect(await titles('-title')).toEqual([...byTitle].reverse());
    const newest = await titles('-published');
    // Newest first, same-day articles still by title, the undated ones (team.article's "Article …" and "Undated") last.
    expect(newest.slice(0, 3)).toEqual(['A same day', 'B same day', 'Earliest']);
    expect(newest.at(-1)).toBe('Undated');
    const lengths = (await listArticles(team.analyst.id, team.project.id, articleListQuery.parse({ sort: '-length' }))).articles.map((a) => a.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
    const first = (await listArticles(team.analyst.id, team.project.id, articleListQuery.parse({ sort: '-title' }))).articles;
    expect(await articleNeighbours(team.analyst.id, first[0].id, { sort: '-title' })).toMatchObject({ position: 1, previous: null, next: { id: first[1].id } });
    expect(() => articleListQuery.parse({ sort: 'spans' })).toThrow();
  });
});
