import { test, expect, request as newRequest } from '@playwright/test';
import { makeArticle, makeTeam, makeToken, signIn } from './fixtures';

// A project's article list at corpus scale: pages of 100 that keep the
// filters, a title/outlet word filter and an outlet filter.

test('the article list pages a large project and filters it by words and outlet', async ({ page }) => {
  const team = await makeTeam();
  for (let i = 0; i < 104; i++) {
    await makeArticle(team.project.id, { title: `Story ${String(i).padStart(3, '0')}`, outlet: i % 4 === 0 ? 'Tirana Times' : 'Wire', published: '2022-09-08', text: `Body ${i}.` });
  }
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}`);
  const table = page.getByRole('table', { name: 'Articles' });
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–100 of 105');
  await expect(table.locator('tbody tr')).toHaveCount(100);
  await page.getByRole('navigation', { name: 'Pages' }).first().getByRole('link', { name: 'Next ›' }).click();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 101–105 of 105');
  await expect(table.locator('tbody tr')).toHaveCount(5);
  await expect(page.getByRole('navigation', { name: 'Pages' }).first()).toContainText('Page 2 of 2');

  // Words in the title, in any case; the outlet list says how many each has.
  const filters = page.getByRole('form', { name: 'Filter articles' });
  await filters.getByLabel('Title, outlet or ID').fill('story 01');
  await filters.getByRole('button', { name: 'Filter' }).click();
  // Both words, anywhere: Story 001, 010–019 and 101.
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–12 of 12 that match');
  await expect(page).not.toHaveURL(/page=/);
  await filters.getByLabel('Title, outlet or ID').fill('');
  await filters.getByRole('combobox', { name: 'Outlet' }).selectOption({ label: 'Tirana Times (26)' });
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–26 of 26 that match');
  await expect(table.locator('tbody tr td:first-child')).toHaveText(Array(26).fill('Tirana Times'));
  // Nothing is tagged yet: "some spans" finds nothing, and says so.
  await filters.getByRole('combobox', { name: 'Spans' }).selectOption('some');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('article-count')).toHaveText('No article matches these filters.');
  await page.getByRole('link', { name: 'Show all' }).click();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–100 of 105');
  await filters.getByRole('combobox', { name: 'Per page' }).selectOption('25');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–25 of 105');
  await expect(page.getByRole('navigation', { name: 'Pages' }).first()).toContainText('Page 1 of 5');
  // Straight to a page by its number, the page size kept.
  const jump = page.getByRole('form', { name: 'Go to page' }).first();
  await jump.getByLabel('Go to page').fill('3');
  await jump.getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 51–75 of 105');
  // A column heading sorts by it, back to page 1; again, the other way.
  await table.getByRole('link', { name: 'Title' }).click();
  await expect(table.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('link', { name: 'Title' }).click();
  await expect(table.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–25 of 105');
  await expect(table.locator('tbody tr td:nth-child(2) a').first()).toHaveText('Story 103');
  // Filtering keeps the order.
  await filters.getByLabel('Title, outlet or ID').fill('story 01');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(table.locator('tbody tr td:nth-child(2) a').first()).toHaveText('Story 101');
  await page.goto(`/projects/${team.project.id}`);

  // A bad parameter is left out and named; the other filters stay.
  await page.goto(`/projects/${team.project.id}?outlet=Wire&page=0`);
  await expect(page.getByText('Left out page="0"')).toBeVisible();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–78 of 78 that match');

  // A page past the last says so and links back, filters kept.
  await page.goto(`/projects/${team.project.id}?outlet=Wire&page=9`);
  await expect(page.getByTestId('article-count')).toContainText('Page 9 is past the last page (1) of 78 articles that match.');
  await expect(page.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to the last page' }).click();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–78 of 78 that match');

  // From the list into an article, then through the corpus one article after another.
  await page.goto(`/projects/${team.project.id}`);
  await table.getByRole('link', { name: 'Story 000' }).click();
  const steps = page.getByRole('navigation', { name: 'Articles of this project' });
  await expect(steps).toContainText('Article 1 of 105');
  await steps.getByRole('link', { name: 'Next: Story 001 ›' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Story 001');
  await expect(steps).toContainText('Article 2 of 105');
  await steps.getByRole('link', { name: '‹ Previous: Story 000' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Story 000');
  // The keys, as in INCEpTION.
  await expect(page.getByTestId('article-reader')).toHaveAttribute('data-highlights-ready', 'true');
  // With the caret in the text, where a reader is.
  await page.getByTestId('article-text').click();
  await page.keyboard.press('Shift+PageDown');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Story 001');
  await page.keyboard.press('Shift+PageUp');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Story 000');

  // From a filtered list, Next goes to the next match, and the project link goes back to the filtered list.
  await page.goto(`/projects/${team.project.id}?q=${encodeURIComponent('story 01')}`);
  await table.getByRole('link', { name: 'Story 015' }).click();
  await expect(steps).toContainText('Article 7 of 12 that match');
  await steps.getByRole('link', { name: 'Next: Story 016 ›' }).click();
  await expect(steps).toContainText('Article 8 of 12 that match');
  await page.getByRole('link', { name: team.project.name }).click();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–12 of 12 that match');
});

test('activity names the span a reviewer decided, links to it, and pages to older events', async ({ page, baseURL }) => {
  const team = await makeTeam('Albania cut ties with Iran. Tehran denied it.');
  const as = async (userId: string) => newRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(userId)}` } });
  const analyst = await as(team.analyst.id);
  const reviewer = await as(team.reviewer.id);
  for (const [start, end] of [[0, 7], [28, 34]]) {
    const span = await (await analyst.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { start, end, label: 'assertion' } })).json();
    expect((await reviewer.post(`/api/v1/annotations/${span.id}/review`, { data: { decision: 'approve', version: span.version } })).status()).toBe(200);
  }
  await signIn(page, team.reviewer.email);
  // Who did it: the reviewer's events only.
  await page.goto(`/projects/${team.project.id}/activity`);
  await page.getByRole('form', { name: 'Filter activity' }).getByRole('combobox', { name: 'Who' }).selectOption({ label: 'Reviewer' });
  await page.getByRole('form', { name: 'Filter activity' }).getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('table', { name: 'Events' }).locator('tbody tr')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Events' }).locator('tbody tr td:nth-child(2)')).toHaveText(['Reviewer', 'Reviewer']);

  // Two events a page, newest first: Tehran's review and tagging, then Albania's.
  await page.goto(`/projects/${team.project.id}/activity?limit=2`);
  const rows = page.getByRole('table', { name: 'Events' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Span reviewed“Tehran” approved');
  await expect(rows.nth(1)).toContainText('Span tagged“Tehran”');
  await page.getByRole('link', { name: 'Older events ›' }).click();
  await expect(rows.nth(0)).toContainText('Span reviewed“Albania” approved');
  await expect(rows.nth(1)).toContainText('Span tagged“Albania”');
  // The oldest page offers no older one.
  await expect(page.getByRole('link', { name: 'Older events ›' })).toHaveCount(0);
  await page.getByRole('link', { name: '« Newest' }).click();
  await expect(rows.nth(0)).toContainText('“Tehran” approved');
  await rows.nth(0).getByRole('link', { name: '“Tehran”' }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${team.article.id}#span-`));
  await expect(page.getByTestId('article-reader')).toBeVisible();
});

test('? lists the keyboard shortcuts, except while typing; Escape closes the list', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}`);
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const words = page.getByRole('form', { name: 'Filter articles' }).getByLabel('Title, outlet or ID');
  await words.click();
  await page.keyboard.type('why?');
  await expect(words).toHaveValue('why?');
  await expect(help).toBeHidden();
  await page.locator('h1').click();
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await expect(help.getByRole('region', { name: 'Review queue' })).toContainText('Reject, with a reason');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // And from the top bar, for those who do not know the key.
  await page.getByRole('button', { name: 'Keys' }).click();
  await expect(help).toBeVisible();
});

test('search pages through its results: the best 50 passages, then the next', async ({ page }) => {
  const team = await makeTeam();
  const text = Array.from({ length: 55 }, (_, i) => `Sanctions were announced on day ${i + 1}.`).join('\n');
  await makeArticle(team.project.id, { title: 'Sanctions diary', text });
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}/search?q=sanctions`);
  const passages = page.getByRole('region', { name: 'Passages' });
  await expect(passages.getByRole('heading')).toHaveText('Passages (the best 50; more on the next page)');
  await expect(passages.getByRole('listitem')).toHaveCount(50);
  await page.getByRole('navigation', { name: 'Result pages' }).getByRole('link', { name: 'More results ›' }).click();
  await expect(passages.getByRole('heading')).toHaveText('Passages (5 more)');
  await expect(passages.getByRole('listitem')).toHaveCount(5);
  await expect(page.getByRole('navigation', { name: 'Result pages' }).getByRole('link', { name: 'More results ›' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Result pages' }).getByRole('link', { name: '‹ Previous results' }).click();
  await expect(passages.getByRole('listitem')).toHaveCount(50);
});

test('anyone signed in starts a project from the projects page, lands on it, and can import into it', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.outsider.email);
  await page.goto('/');
  await page.getByText('New project').click();
  const form = page.getByRole('form', { name: 'New project' });
  // A taken name is refused, with the form kept open.
  await form.getByLabel('Name').fill(team.project.name);
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(form.getByRole('status')).toContainText('There is a project named');
  const name = `Our corpus ${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Description').fill('Wire stories on the attack');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await page.getByLabel('Files to import').setInputFiles([
    { name: 'first.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ title: 'First story', text: 'Albania cut ties with Iran.' }) + '\n') },
  ]);
  await expect(page.getByRole('list', { name: 'Import summary' })).toContainText('first.jsonl: 1 article, 1 added, 0 unchanged');
  await page.goto('/');
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('admin, analyst, reviewer');
});
