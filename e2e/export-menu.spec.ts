import { test, expect, request as newRequest, type Page } from '@playwright/test';
import { cpRange, makeArticle, makeTeam, makeToken, signIn } from './fixtures';

// The export menu on the project page and the per-article export: a plain GET
// form whose Filter panel sends ticked tags and outlets as repeated keys.

async function downloaded(page: Page, submit: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), submit()]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('the export menu downloads only the ticked tags and outlets; an article page exports that article', async ({ page, baseURL }) => {
  const text = 'Albania cut ties with Iran. Tehran denied it.';
  const team = await makeTeam(text);
  const inc = await makeArticle(team.project.id, { title: 'Wire story', text: 'Reuters: Iran 👩‍💻 denied the attack.', outlet: 'Reuters, Inc.' });
  const api = await newRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const tag = async (articleId: string, body: string, needle: string, label: string) => {
    const res = await api.post(`/api/v1/articles/${articleId}/annotations`, { data: { ...cpRange(body, needle), label } });
    expect(res.status()).toBe(201);
  };
  await tag(team.article.id, text, 'Albania cut ties with Iran.', 'assertion');
  await tag(team.article.id, text, 'Tehran denied it.', 'denial');
  await tag(inc.id, 'Reuters: Iran 👩‍💻 denied the attack.', 'Iran 👩‍💻 denied the attack.', 'denial');
  await tag(inc.id, 'Reuters: Iran 👩‍💻 denied the attack.', 'Reuters', 'evidence');

  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}`);
  const menu = page.getByRole('form', { name: 'Export' });
  await menu.getByLabel('Export format').selectOption('csv');
  await menu.getByLabel('Which spans').selectOption('all');
  await menu.getByText('Filter').click();
  await menu.getByRole('group', { name: 'Tags' }).getByLabel('denial').check();
  // One outlet ticked, its name holding a comma: taken whole, not split.
  await menu.getByRole('group', { name: 'Outlets' }).getByLabel('Reuters, Inc.').check();
  // Closed, the panel says how many boxes are ticked; Escape closes it as menus close.
  await page.keyboard.press('Escape');
  await expect(menu.getByRole('group', { name: 'Tags' })).toBeHidden();
  await expect(menu.getByText('Filter (2)')).toBeVisible();
  await menu.getByText('Filter (2)').click();
  await expect(menu.getByRole('group', { name: 'Tags' })).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click();
  await expect(menu.getByRole('group', { name: 'Tags' })).toBeHidden();
  const csv = await downloaded(page, () => menu.getByRole('button', { name: 'Export' }).click());
  expect(csv.name).toMatch(/\.csv$/);
  const rows = csv.text.trim().split('\n').slice(1);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain('Iran 👩‍💻 denied the attack.');
  expect(rows[0]).toContain('"Reuters, Inc."');

  expect(csv.text.charCodeAt(0)).not.toBe(0xfeff);

  // No box ticked: every tag of every outlet; "for Excel" (offered for CSV only) starts it with a UTF-8 mark.
  await page.goto(`/projects/${team.project.id}`);
  await expect(menu.getByLabel('for Excel')).toBeHidden();
  await menu.getByLabel('Export format').selectOption('csv');
  await menu.getByLabel('Which spans').selectOption('all');
  await menu.getByLabel('for Excel').check();
  const all = await downloaded(page, () => menu.getByRole('button', { name: 'Export' }).click());
  expect(all.text.charCodeAt(0)).toBe(0xfeff);
  expect(all.text.trim().split('\n').slice(1)).toHaveLength(4);

  await page.goto(`/articles/${inc.id}`);
  const one = page.getByRole('form', { name: 'Export this article' });
  await one.getByLabel('Export format').selectOption('jsonl');
  await one.getByLabel('Which spans').selectOption('all');
  const jsonl = await downloaded(page, () => one.getByRole('button', { name: 'Export' }).click());
  const lines = jsonl.text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; entities: { label: string }[] });
  expect(lines.map((l) => l.id)).toEqual([inc.id]);
  expect(lines[0].entities.map((e) => e.label).sort()).toEqual(['denial', 'evidence']);
});
