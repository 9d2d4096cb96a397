import { test, expect, request as playwrightRequest } from '@playwright/test';
import { cpRange, makeTeam, makeToken, signIn } from './fixtures';

const TEXT = 'Albania cut ties with Iran. Tehran denied the accusation.';

test('another analyst’s new span, edit and review show up within 2 seconds without a reload', async ({ page, baseURL }) => {
  const team = await makeTeam(TEXT);
  await signIn(page, team.analyst.email);
  await page.goto(`/articles/${team.article.id}`);
  const reader = page.getByTestId('article-reader');
  await expect(reader).toHaveAttribute('data-highlights-ready', 'true');
  await expect(reader).toHaveAttribute('data-highlight-count', '0');

  const other = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst2.id)}` } });
  const created = await (await other.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(TEXT, 'Tehran denied the accusation'), label: 'denial' } })).json();
  await expect(reader).toHaveAttribute('data-highlight-count', '1', { timeout: 2_500 });
  const highlight = page.getByTestId('article-text').locator(`[data-annotation-id="${created.id}"]`).first();
  await expect(highlight).toHaveAttribute('data-label', 'denial');

  await other.patch(`/api/v1/annotations/${created.id}`, { data: { label: 'evidence', version: 1 } });
  await expect(highlight).toHaveAttribute('data-label', 'evidence', { timeout: 2_500 });

  const reviewer = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.reviewer.id)}` } });
  await reviewer.post(`/api/v1/annotations/${created.id}/review`, { data: { decision: 'approve', version: 2 } });
  await expect(highlight).toHaveAttribute('data-status', 'approved', { timeout: 2_500 });

  // A link made elsewhere shows on the span list's badge.
  const second = await (await other.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(TEXT, 'Albania cut ties with Iran'), label: 'assertion' } })).json();
  await other.post('/api/v1/links', { data: { fromAnnotationId: created.id, toAnnotationId: second.id, kind: 'contradicts' } });
  const badge = page.getByRole('complementary', { name: 'Spans' }).getByTestId('span-link-count').first();
  await expect(badge).toHaveAttribute('data-count', '1', { timeout: 2_500 });
  await other.delete(`/api/v1/annotations/${second.id}`);

  await other.delete(`/api/v1/annotations/${created.id}`);
  await expect(reader).toHaveAttribute('data-highlight-count', '0', { timeout: 2_500 });
});
