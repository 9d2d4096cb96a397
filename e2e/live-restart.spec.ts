import { test, expect, request as playwrightRequest } from '@playwright/test';
import { cpRange, makeTeam, makeToken, signIn } from './fixtures';
import { freePort, startNextServer } from './crash/next-server';

// Issue #4: live updates must survive a server restart. The test runs its own
// `next start` (same build and database as the e2e server) so it can SIGKILL
// it with a reader open, start it again on the same port, and see a change
// made after the restart arrive without a reload.

const TEXT = 'Albania cut ties with Iran. Tehran denied the accusation.';

test('an open reader reconnects after the server is killed and restarted, and shows later changes within 2 seconds', async ({ browser }) => {
  test.setTimeout(180_000);
  const team = await makeTeam(TEXT);
  const port = await freePort();
  let server = await startNextServer(port, { ...process.env, NODE_ENV: 'production' });
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const page = await context.newPage();
    await signIn(page, team.analyst.email);
    await page.goto(`/articles/${team.article.id}`);
    const reader = page.getByTestId('article-reader');
    await expect(reader).toHaveAttribute('data-highlights-ready', 'true');
    await expect(reader).toHaveAttribute('data-highlight-count', '0');

    const api = await playwrightRequest.newContext({ baseURL: server.url, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst2.id)}` } });
    // Live before the restart, so the stream is known to be open.
    await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(TEXT, 'Albania cut ties'), label: 'assertion' } });
    await expect(reader).toHaveAttribute('data-highlight-count', '1', { timeout: 2_500 });

    await server.kill();
    server = await startNextServer(port, { ...process.env, NODE_ENV: 'production' });
    // Give EventSource its reconnect delay (the stream asks for retry: 1000 ms) and a poll.
    await page.waitForTimeout(2_500);

    const created = await (await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(TEXT, 'Tehran denied the accusation'), label: 'denial' } })).json();
    await expect(reader).toHaveAttribute('data-highlight-count', '2', { timeout: 2_500 });
    await expect(page.getByTestId('article-text').locator(`[data-annotation-id="${created.id}"]`).first()).toHaveAttribute('data-label', 'denial');
    // No reload happened: the page is the one opened before the restart.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await api.dispose();
  } finally {
    await context.close();
    await server.kill();
  }
});
