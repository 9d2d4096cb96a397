import { test, expect, request as newRequest } from '@playwright/test';
import { makeTeam, signIn } from './fixtures';

test('a user creates an API token from the workbench, scripts work with it, and stop working once it is revoked', async ({ page, baseURL }) => {
  const team = await makeTeam();
  await signIn(page, team.analyst.email);
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page).toHaveTitle('API tokens · Crosscheck');
  await expect(page.getByText('No tokens yet.')).toBeVisible();

  const name = page.getByLabel('Name');
  await name.fill('   ');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('region', { name: 'New token' }).getByRole('alert')).toHaveText('Name the token after what will use it');

  await name.fill('notebook');
  await page.getByRole('button', { name: 'Create token' }).click();
  const created = page.getByRole('region', { name: 'New token' });
  await expect(created.getByRole('status').filter({ hasText: 'created' })).toHaveText('Token “notebook” created. Copy it now: it is not shown again.');
  const token = (await created.getByRole('status', { name: 'Token secret' }).textContent())!;
  expect(token).toMatch(/^cc_/);
  const row = page.getByRole('row').filter({ hasText: 'notebook' });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText('never');

  const api = await newRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const projects = await api.get('/api/v1/projects');
  expect(projects.status()).toBe(200);
  expect((await projects.json()).projects.map((p: { id: string }) => p.id)).toEqual([team.project.id]);

  // The list shows when it was last used; the secret itself is not shown again.
  await page.reload();
  await expect(row).not.toContainText('never');
  await expect(page.getByText(token)).toHaveCount(0);

  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Revoke “notebook”' }).click();
  await expect(row).toContainText('revoked');
  expect((await api.get('/api/v1/projects')).status()).toBe(401);
});
