import { test, expect, request as playwrightRequest } from '@playwright/test';
import { cpRange, makeTeam, makeToken, signIn, testDb } from './fixtures';

const TEXT = 'Albania cut ties with Iran. Tehran denied the accusation. Microsoft found Iranian hackers.';

test('independent annotation: analysts see only their own spans until a reviewer compares them and accepts one', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const team = await makeTeam(TEXT);

  // The admin turns independent annotation on in the project settings.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, team.admin.email);
  await admin.goto(`/projects/${team.project.id}`);
  const settings = admin.getByRole('form', { name: 'Project settings' });
  await settings.getByLabel('Independent annotation').check();
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved: independent annotation on.');
  await adminContext.close();

  // Both analysts tag the same claim, through the API.
  const tag = async (userId: string, needle: string, label: string) => {
    const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(userId)}` } });
    const res = await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(TEXT, needle), label } });
    expect(res.status()).toBe(201);
    return (await res.json()) as { id: string };
  };
  const mine = await tag(team.analyst.id, 'Albania cut ties with Iran', 'assertion');
  const theirs = await tag(team.analyst2.id, 'cut ties with Iran', 'assertion');

  // Analyst A sees only their own span, and is told why.
  const analystContext = await browser.newContext();
  const analyst = await analystContext.newPage();
  await signIn(analyst, team.analyst.email);
  await analyst.goto(`/articles/${team.article.id}`);
  const reader = analyst.getByTestId('article-reader');
  await expect(reader).toHaveAttribute('data-highlights-ready', 'true');
  await expect(reader).toHaveAttribute('data-highlight-count', '1');
  const text = analyst.getByTestId('article-text');
  await expect(text.locator(`[data-annotation-id="${mine.id}"]`).first()).toBeVisible();
  await expect(text.locator(`[data-annotation-id="${theirs.id}"]`)).toHaveCount(0);
  await expect(analyst.getByTestId('only-own-spans')).toBeVisible();

  // The reviewer opens the comparison from the article page.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, team.reviewer.email);
  await reviewer.goto(`/articles/${team.article.id}`);
  await reviewer.getByRole('link', { name: 'compare analysts' }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/articles/${team.article.id}/compare`));
  await expect(reviewer.getByTestId('compare-unknown')).toHaveCount(0);
  // Asked for someone who has not tagged this article: said, with the pickers to choose again.
  await reviewer.goto(`/articles/${team.article.id}/compare?a=nobody&b=${team.analyst2.id}`);
  await expect(reviewer.getByTestId('compare-unknown')).toHaveText('One of the analysts asked for has no spans on this article. Choose two analysts above.');
  await reviewer.goto(`/articles/${team.article.id}/compare`);
  await expect(reviewer.getByRole('region', { name: 'A: Analyst' }).locator(`[data-annotation-id="${mine.id}"]`)).toHaveText('Albania cut ties with Iran');
  await expect(reviewer.getByRole('region', { name: 'B: Analyst Two' }).locator(`[data-annotation-id="${theirs.id}"]`)).toHaveText('cut ties with Iran');
  await expect(reviewer.getByRole('table', { name: 'Agreement on this article' })).toContainText('Analyst · Analyst Two');
  await expect(reviewer.getByTestId('comparison-opened')).toContainText('cannot see each other’s spans');
  await expect(reviewer.getByTestId('comparison')).toHaveAttribute('data-ready', 'true');
  const pairs = reviewer.getByRole('list', { name: 'Pairs' });
  await expect(pairs.getByRole('listitem')).toHaveCount(1);
  const pair = pairs.locator('[aria-current="true"]');
  await expect(pair).toContainText('Partial overlap');

  // "1": accept A. A's span is approved, B's rejected with the default comment.
  await reviewer.keyboard.press('1');
  await expect(reviewer.getByTestId('comparison-status')).toHaveText('Accepted Analyst’s span.');
  await expect(pair.getByTestId('status-a')).toHaveText('Approved');
  await expect(pair.getByTestId('status-b')).toHaveText('Rejected');
  await expect(reviewer.getByTestId('comparison-opened')).toContainText('Opened for comparison by Reviewer');
  const rows = await testDb().annotation.findMany({ where: { id: { in: [mine.id, theirs.id] } }, select: { id: true, status: true, reviewComment: true } });
  expect(rows.find((r) => r.id === mine.id)?.status).toBe('APPROVED');
  expect(rows.find((r) => r.id === theirs.id)).toMatchObject({ status: 'REJECTED', reviewComment: 'Not accepted in comparison with Analyst' });
  await reviewerContext.close();

  // The analyst's open reader refetches on the change: B's span appears, with both decisions.
  await expect(reader).toHaveAttribute('data-highlight-count', '2', { timeout: 5_000 });
  await expect(text.locator(`[data-annotation-id="${mine.id}"]`).first()).toHaveAttribute('data-status', 'approved');
  await expect(text.locator(`[data-annotation-id="${theirs.id}"]`).first()).toHaveAttribute('data-status', 'rejected');
  // …and no longer says it shows only the analyst's own spans.
  await expect(analyst.getByTestId('only-own-spans')).toHaveCount(0);
  await analystContext.close();
});

test('the comparison view is for reviewers only: an analyst gets the 404 page', async ({ page }) => {
  const team = await makeTeam(TEXT);
  await signIn(page, team.analyst.email);
  const res = await page.goto(`/articles/${team.article.id}/compare`);
  expect(res?.status()).toBe(404);
});
