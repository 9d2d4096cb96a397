import { test, expect, request as playwrightRequest } from '@playwright/test';
import { cpRange, makeTeam, makeToken, signIn, testDb } from './fixtures';

const TEXT = 'Albania cut ties with Iran. Tehran denied the accusation. Microsoft found Iranian hackers.';

test('a reviewer works through the queue by keyboard; the analyst sees the decisions', async ({ page, baseURL }) => {
  const team = await makeTeam(TEXT);
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const spans: { id: string }[] = [];
  for (const [needle, label] of [['Albania cut ties with Iran', 'assertion'], ['Tehran denied the accusation', 'denial'], ['Microsoft found Iranian hackers', 'evidence']] as const) {
    const res = await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(TEXT, needle), label } });
    spans.push(await res.json());
  }

  await signIn(page, team.reviewer.email);
  await page.goto(`/projects/${team.project.id}/review`);
  const queue = page.getByRole('region', { name: 'Queue' });
  await expect(queue.getByRole('listitem')).toHaveCount(3);
  await expect(queue.locator('[aria-current="true"]')).toContainText('Albania cut ties with Iran');

  await page.keyboard.press('a');
  await expect(page.getByTestId('review-status')).toContainText('Approved');
  await expect(queue.getByRole('listitem')).toHaveCount(2);

  await page.keyboard.press('j');
  await expect(queue.locator('[aria-current="true"]')).toContainText('Microsoft found Iranian hackers');
  await page.keyboard.press('r');
  await page.getByLabel('Why reject?').fill('A finding, but cite the report');
  await page.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(page.getByTestId('review-status')).toContainText('Rejected');
  await expect(queue.getByRole('listitem')).toHaveCount(1);

  const rows = await testDb().annotation.findMany({ where: { articleId: team.article.id }, orderBy: { start: 'asc' } });
  expect(rows.map((r) => r.status)).toEqual(['APPROVED', 'PENDING', 'REJECTED']);
  expect(rows[2].reviewComment).toBe('A finding, but cite the report');

  // The analyst sees the statuses on the highlights and the comment in the API.
  const analyst = await page.context().browser()!.newContext();
  const analystPage = await analyst.newPage();
  await signIn(analystPage, team.analyst.email);
  await analystPage.goto(`/articles/${team.article.id}`);
  const text = analystPage.getByTestId('article-text');
  await expect(text.locator(`[data-annotation-id="${spans[0].id}"]`).first()).toHaveAttribute('data-status', 'approved');
  await expect(text.locator(`[data-annotation-id="${spans[2].id}"]`).first()).toHaveAttribute('data-status', 'rejected');
  await analystPage.getByRole('complementary', { name: 'Spans' }).getByRole('button').filter({ hasText: 'Microsoft found Iranian hackers' }).click();
  const dialog = analystPage.getByRole('dialog', { name: 'Span' });
  await expect(dialog.getByTestId('review-comment')).toHaveText('Reviewer: A finding, but cite the report');
  await dialog.getByText('History').click();
  await expect(dialog.getByRole('list', { name: 'History' })).toContainText('reviewed: rejected');
  const got = await (await api.get(`/api/v1/articles/${team.article.id}`)).json();
  expect(got.annotations.find((a: { id: string }) => a.id === spans[2].id).reviewComment).toBe('A finding, but cite the report');
  await analyst.close();

  // Analysts have no queue.
  const analystApi = await api.get(`/api/v1/projects/${team.project.id}/review-queue`);
  expect(analystApi.status()).toBe(403);
});
