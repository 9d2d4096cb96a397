import { test, expect, request as newRequest } from '@playwright/test';
import { makeArticle, makeTeam, makeToken, signIn } from './fixtures';

// At 800 px (a laptop with the reader beside a source), wide tables scroll in
// their own box: the page itself never scrolls sideways. A visually-hidden
// label inside a scrolling table once widened the whole claims matrix page.

test('at 800 px wide no page scrolls sideways, with claims across five outlets and long file-name ids', async ({ page, baseURL }) => {
  const team = await makeTeam('Albania cut ties with Iran after the cyberattack. Tehran denied it.');
  const api = await newRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const articles = [team.article];
  for (const outlet of ['Cyber Daily', 'Galactik Views', 'Privacy Ninja', 'Tech Monitor']) {
    articles.push(await makeArticle(team.project.id, { outlet, externalId: `000_3aa9e6ebed2cab3d-${outlet.length}.txt`, title: `${outlet} on the attack`, text: 'Albania blamed Iran for the July cyberattack on its government.' }));
  }
  for (let c = 0; c < 3; c++) {
    let claimId: string | undefined;
    for (const a of articles) {
      const span = await (await api.post(`/api/v1/articles/${a.id}/annotations`, { data: { start: c * 8, end: c * 8 + 7, label: ['assertion', 'denial', 'evidence'][c] } })).json();
      if (!claimId) claimId = (await (await api.post('/api/v1/claims', { data: { projectId: team.project.id, text: `Claim ${c}: Iran was behind the attack on Albania's government`, annotationId: span.id } })).json()).id;
      else expect((await api.post(`/api/v1/claims/${claimId}/annotations`, { data: { annotationId: span.id } })).ok()).toBe(true);
    }
  }
  // A second analyst on the same article, for Agreement's per-pair table.
  const api2 = await newRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst2.id)}` } });
  for (const [start, label] of [[0, 'denial'], [8, 'evidence']] as const) expect((await api2.post(`/api/v1/articles/${articles[1].id}/annotations`, { data: { start, end: start + 7, label } })).ok()).toBe(true);
  await page.setViewportSize({ width: 800, height: 900 });
  await signIn(page, team.reviewer.email);
  const p = `/projects/${team.project.id}`;
  for (const path of [p, `${p}/matrix`, `${p}/review`, `${p}/review?kind=links`, `${p}/agreement`, `${p}/activity`, `${p}/search?q=Iran`, `/articles/${articles[1].id}`, `/articles/${articles[1].id}/compare`]) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(800);
  }
  // The export menu's filter panel opens inside the window too.
  await page.goto(`/articles/${articles[1].id}`);
  await page.getByText('Filter', { exact: true }).first().click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'article page, export filter open').toBeLessThanOrEqual(800);
  await page.goto(p);
  await page.getByText('Filter', { exact: true }).first().click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'project page, export filter open').toBeLessThanOrEqual(800);
  // Compare: the line j/k moves to stays in view, decisions above the two texts.
  await page.goto(`/articles/${articles[1].id}/compare`);
  await expect(page.getByTestId('comparison')).toHaveAttribute('data-ready', 'true');
  for (let i = 0; i < 3; i++) await page.keyboard.press('j');
  const current = await page.locator('.cmp-item--current').boundingBox();
  expect(current && current.y >= 0 && current.y + current.height <= 900, `current comparison line at ${JSON.stringify(current)}`).toBe(true);
  // The matrix's five outlet columns are all there, in the box that scrolls.
  await page.goto(`${p}/matrix`);
  await expect(page.getByRole('table', { name: 'Claims by outlet' }).getByRole('columnheader')).toHaveCount(6);
});
