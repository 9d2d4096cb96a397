import { test, expect, request as playwrightRequest } from '@playwright/test';
import { cpRange, makeTeam, makeToken, signIn, testDb, TEST_PASSWORD } from './fixtures';

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
  // Filtered to rejected items, the queue says who decided, when and why.
  await page.goto(`/projects/${team.project.id}/review?status=rejected`);
  await expect(queue.getByTestId('queue-decision')).toHaveText(/^Rejected by Reviewer · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: A finding, but cite the report$/);

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
  await expect(dialog.getByTestId('review-comment')).toHaveText('Rejected by Reviewer: A finding, but cite the report');
  await dialog.getByText('History').click();
  await expect(dialog.getByRole('list', { name: 'History' })).toContainText('reviewed: rejected');
  const got = await (await api.get(`/api/v1/articles/${team.article.id}`)).json();
  expect(got.annotations.find((a: { id: string }) => a.id === spans[2].id).reviewComment).toBe('A finding, but cite the report');
  await analyst.close();

  // Analysts have no queue.
  const analystApi = await api.get(`/api/v1/projects/${team.project.id}/review-queue`);
  expect(analystApi.status()).toBe(403);
});

test('a signed-out reviewer follows a link to a span, signs in, lands on it, and approves the span and its link there', async ({ page, baseURL }) => {
  const team = await makeTeam(TEXT);
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const claim = await (await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(TEXT, 'Albania cut ties with Iran'), label: 'assertion' } })).json();
  const denial = await (await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(TEXT, 'Tehran denied the accusation'), label: 'denial' } })).json();
  const link = await (await api.post('/api/v1/links', { data: { fromAnnotationId: denial.id, toAnnotationId: claim.id, kind: 'contradicts' } })).json();

  await page.goto(`/articles/${team.article.id}#span-${claim.id}`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Email').fill(team.reviewer.email);
  await page.getByLabel('Password').fill('a wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password.');
  // A failed attempt keeps the email typed.
  await expect(page.getByLabel('Email')).toHaveValue(team.reviewer.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Back on the article, at the span the link named, in a tab titled after the article.
  await expect(page).toHaveURL(new RegExp(`/articles/${team.article.id}#span-${claim.id}$`));
  const title = (await testDb().article.findUniqueOrThrow({ where: { id: team.article.id } })).title;
  await expect(page).toHaveTitle(`${title} · Test Outlet · Crosscheck`);
  const dialog = page.getByRole('dialog', { name: 'Span' });
  await expect(dialog).toHaveAttribute('data-annotation-id', claim.id);
  // A reviewer edits nothing here, but decides.
  await expect(dialog.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Approve span “Albania cut ties with Iran”' }).click();
  await expect(page.getByTestId('reader-status')).toHaveText('Span approved.');
  await expect(page.getByTestId('article-text').locator(`[data-annotation-id="${claim.id}"]`).first()).toHaveAttribute('data-status', 'approved');

  const row = dialog.getByTestId('span-link');
  await expect(row).toContainText('Pending');
  await row.getByRole('button', { name: 'Reject link to “Tehran denied the accusation”…' }).click();
  await row.getByLabel('Why reject?').fill('The denial answers another claim');
  await row.getByLabel('Why reject?').press('Enter');
  await expect(row).toContainText('Rejected');

  expect((await testDb().annotation.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe('APPROVED');
  expect(await testDb().link.findUniqueOrThrow({ where: { id: link.id }, select: { status: true, reviewComment: true } })).toEqual({ status: 'REJECTED', reviewComment: 'The denial answers another claim' });
});

test('links have a queue of their own: a reviewer approves and rejects them by keyboard', async ({ page, baseURL }) => {
  const team = await makeTeam(TEXT);
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const span = async (needle: string, label: string) => (await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(TEXT, needle), label } })).json();
  const [claim, denial, evidence] = [await span('Albania cut ties with Iran', 'assertion'), await span('Tehran denied the accusation', 'denial'), await span('Microsoft found Iranian hackers', 'evidence')];
  const link = async (from: { id: string }, to: { id: string }, kind: string) => (await api.post('/api/v1/links', { data: { fromAnnotationId: from.id, toAnnotationId: to.id, kind } })).json();
  const contradiction = await link(denial, claim, 'contradicts');
  const support = await link(evidence, claim, 'corroborates');

  await signIn(page, team.reviewer.email);
  await page.goto(`/projects/${team.project.id}/review`);
  const filters = page.getByRole('form', { name: 'Filter the queue' });
  await filters.getByRole('combobox', { name: 'Review' }).selectOption('links');
  await filters.getByRole('button', { name: 'Filter' }).click();
  const queue = page.getByRole('region', { name: 'Queue' });
  await expect(queue.getByRole('listitem')).toHaveCount(2);
  // Oldest first, each with its kind and both spans.
  await expect(queue.locator('[aria-current="true"]')).toContainText('Contradicts');
  await expect(queue.locator('[aria-current="true"]')).toContainText('Tehran denied the accusation');
  await expect(queue.locator('[aria-current="true"]')).toContainText('Albania cut ties with Iran');
  await page.keyboard.press('a');
  await expect(page.getByTestId('review-status')).toContainText('Approved: “Tehran denied the accusation contradicts Albania cut ties with Iran”');
  await expect(queue.getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('r');
  await page.getByLabel('Why reject?').fill('The report is about other hackers');
  await page.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(page.getByTestId('review-status')).toContainText('Rejected');
  await expect(queue.getByText('Nothing waiting. Well done.')).toBeVisible();
  const decided = await testDb().link.findMany({ where: { projectId: team.project.id }, select: { id: true, status: true, reviewComment: true } });
  expect(decided.sort((a, b) => (a.id === contradiction.id ? -1 : b.id === contradiction.id ? 1 : 0))).toEqual([
    { id: contradiction.id, status: 'APPROVED', reviewComment: null },
    { id: support.id, status: 'REJECTED', reviewComment: 'The report is about other hackers' },
  ]);
  // The decisions per analyst, for links.
  await expect(page.getByRole('region', { name: 'Decisions so far' })).toContainText('Links by');
});
