import { test, expect, request as playwrightRequest } from '@playwright/test';
import { makeArticle, makeTeam, makeToken, signIn, testDb } from './fixtures';
import { XSS_PAYLOADS } from './xss-payloads';

test('stored XSS: hostile titles, text, notes, speakers and claim names never run', async ({ page, baseURL }) => {
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  const team = await makeTeam();
  const text = XSS_PAYLOADS.join('\n');
  const article = await makeArticle(team.project.id, { title: XSS_PAYLOADS[1], outlet: XSS_PAYLOADS[2], text });
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const lines = text.split('\n');
  let offset = 0;
  const spanIds: string[] = [];
  for (const [i, line] of lines.entries()) {
    const len = Array.from(line).length;
    if (i % 4 === 0) {
      const res = await api.post(`/api/v1/articles/${article.id}/annotations`, {
        data: { start: offset, end: offset + len, label: 'assertion', note: XSS_PAYLOADS[(i + 5) % XSS_PAYLOADS.length], speaker: XSS_PAYLOADS[(i + 9) % XSS_PAYLOADS.length] },
      });
      expect(res.status(), line).toBe(201);
      spanIds.push((await res.json()).id);
    }
    offset += len + 1;
  }
  const claim = await (await api.post('/api/v1/claims', { data: { projectId: team.project.id, text: XSS_PAYLOADS[3], annotationId: spanIds[0] } })).json();

  const fired: string[] = [];
  page.on('dialog', async (d) => {
    fired.push(d.message());
    await d.dismiss();
  });
  await signIn(page, team.admin.email);
  const pages = [
    `/projects/${team.project.id}`,
    `/articles/${article.id}`,
    `/claims/${claim.id}`,
    `/projects/${team.project.id}/matrix`,
    `/projects/${team.project.id}/search?q=script`,
    `/projects/${team.project.id}/review`,
    `/projects/${team.project.id}/activity`,
    `/projects/${team.project.id}/agreement`,
  ];
  for (const url of pages) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    await page.waitForLoadState('networkidle');
    if (url.startsWith('/articles/')) {
      // Open a span so its note and speaker are rendered too.
      await page.getByRole('complementary', { name: 'Spans' }).getByRole('button').first().click();
      await expect(page.getByRole('dialog', { name: 'Span' })).toBeVisible();
    }
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), url).toBeUndefined();
    expect(await page.locator('[data-testid="article-text"] img, [data-testid="article-text"] script, [data-testid="article-text"] iframe').count()).toBe(0);
  }
  expect(fired).toEqual([]);
  // The hostile text is shown as text, byte for byte.
  await page.goto(`/articles/${article.id}`);
  await expect(page.getByTestId('article-text')).toContainText('<script>alert(1)</script>');
  expect(await testDb().annotation.count({ where: { articleId: article.id } })).toBe(spanIds.length);
});

test('pages carry a Content-Security-Policy whose scripts need a nonce', async ({ page }) => {
  const res = await page.goto('/login');
  const csp = res?.headers()['content-security-policy'] ?? '';
  const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res?.headers()['x-content-type-options']).toBe('nosniff');
  // The page still works under it: signing in hydrates and submits.
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
});

test('an unknown address gets a 404 page with a way home, and none of its scripts is blocked by the CSP', async ({ page }) => {
  const team = await makeTeam();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await signIn(page, team.analyst.email);
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('does not exist, or you may not open it: it belongs to a project you are not a member of');
  await page.getByRole('link', { name: 'Back to your projects' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(violations).toEqual([]);
});

test('after 10 failed sign-ins an account gets 429 with Retry-After, and every failure is logged', async ({ request }) => {
  const team = await makeTeam();
  const attempt = async (password: string) => {
    const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
    return request.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: team.analyst.email, password, callbackUrl: '/' },
      maxRedirects: 0,
    });
  };
  try {
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}`)).status()).not.toBe(429);
    expect(await testDb().signInFailure.count({ where: { email: team.analyst.email } })).toBe(10);
    const blocked = await attempt('test-password-123');
    expect(blocked.status()).toBe(429);
    expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
  } finally {
    // The failures also count against this machine's IP, which every later test signs in from.
    await testDb().signInFailure.deleteMany({ where: { email: team.analyst.email } });
  }
});
