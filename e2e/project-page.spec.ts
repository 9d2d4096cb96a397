import { test, expect } from '@playwright/test';
import { makeArticle, makeTeam, signIn } from './fixtures';

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
  await filters.getByLabel('Title or outlet').fill('story 01');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–10 of 10 that match');
  await expect(page).not.toHaveURL(/page=/);
  await filters.getByLabel('Title or outlet').fill('');
  await filters.getByRole('combobox').selectOption({ label: 'Tirana Times (26)' });
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–26 of 26 that match');
  await expect(table.locator('tbody tr td:first-child')).toHaveText(Array(26).fill('Tirana Times'));
  await page.getByRole('link', { name: 'Show all' }).click();
  await expect(page.getByTestId('article-count')).toHaveText('Articles 1–100 of 105');

  // A page past the last says so and links back, filters kept.
  await page.goto(`/projects/${team.project.id}?outlet=Wire&page=9`);
  await expect(page.getByTestId('article-count')).toContainText('Page 9 is past the last page (1) of 78 articles.');
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
});
