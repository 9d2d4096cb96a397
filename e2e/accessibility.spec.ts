import { test, expect, request as playwrightRequest, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { cpRange, makeArticle, makeTeam, makeToken, makeUser, signIn, testDb } from './fixtures';
import { selectWithMouse } from './select-text';

// Every main page of the workbench, scanned with axe-core against WCAG 2.0 and
// 2.1, levels A and AA: fact-checkers spend their day here, some of them by
// keyboard and screen reader. A failure lists each rule, its impact, the
// element (CSS selector) and what the rule asks for.

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TEXT = 'Albania cut ties with Iran. Tehran denied the accusation. Microsoft found Iranian hackers.';
const SECOND = 'Tehran rejected the accusation as baseless. Albania expelled the diplomats.';
const FIRST_WIRE = 'Tirana said Iran hired four groups to attack. Tehran denied it.';
const REVISED_WIRE = 'The government published a new report on the outage today.';

async function expectNoViolations(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = violations.flatMap((v) => v.nodes.map((n) => `  ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${v.help}`));
  expect(found, `${where}: ${found.length} accessibility violation(s)\n${found.join('\n')}`).toEqual([]);
}

/** A team whose project has every kind of thing a page can show: spans by two analysts, a link, a claim, an orphan. */
async function seedProject(baseURL: string) {
  const team = await makeTeam(TEXT);
  const second = await makeArticle(team.project.id, { title: 'Tehran answers', outlet: 'Wire Two', text: SECOND });
  const as = async (userId: string) =>
    playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(userId)}` } });
  const analyst = await as(team.analyst.id);
  const analyst2 = await as(team.analyst2.id);
  const tag = async (api: typeof analyst, articleId: string, text: string, needle: string, label: string) => {
    const res = await api.post(`/api/v1/articles/${articleId}/annotations`, { data: { ...cpRange(text, needle), label, speaker: 'Edi Rama', note: 'From the briefing' } });
    expect(res.status()).toBe(201);
    return (await res.json()) as { id: string };
  };
  const assertion = await tag(analyst, team.article.id, TEXT, 'Albania cut ties with Iran', 'assertion');
  await tag(analyst, team.article.id, TEXT, 'Tehran denied the accusation', 'denial');
  await tag(analyst, team.article.id, TEXT, 'Microsoft found Iranian hackers', 'evidence');
  await tag(analyst2, team.article.id, TEXT, 'cut ties with Iran', 'assertion');
  await tag(analyst2, team.article.id, TEXT, 'Microsoft found Iranian hackers', 'denial');
  const denial = await tag(analyst, second.id, SECOND, 'Tehran rejected the accusation as baseless', 'denial');
  expect((await analyst.post('/api/v1/links', { data: { fromAnnotationId: denial.id, toAnnotationId: assertion.id, kind: 'contradicts' } })).status()).toBe(201);
  const claim = (await (await analyst.post('/api/v1/claims', { data: { projectId: team.project.id, annotationId: assertion.id } })).json()) as { id: string };
  await analyst.post(`/api/v1/claims/${claim.id}/annotations`, { data: { annotationId: denial.id } });

  // A wire story revised so that its span loses its place: an orphan, and a revisions page.
  const jsonl = (text: string) => ({ name: 'wire.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ externalId: 'wire-1', title: 'Wire story', outlet: 'Wire', text }) + '\n') });
  expect((await analyst.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: jsonl(FIRST_WIRE) } })).status()).toBe(200);
  const projectArticles = (await (await analyst.get(`/api/v1/projects/${team.project.id}/articles?q=Wire`)).json()) as { articles: { id: string; title: string }[] };
  const wire = projectArticles.articles.find((a) => a.title === 'Wire story')!;
  await tag(analyst, wire.id, FIRST_WIRE, 'Iran hired four groups', 'assertion');
  expect((await analyst.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: jsonl(REVISED_WIRE) } })).status()).toBe(200);

  await Promise.all([analyst.dispose(), analyst2.dispose()]);
  return { ...team, second, assertion, denial, claim, wire };
}

async function openReader(page: Page, articleId: string) {
  await page.goto(`/articles/${articleId}`);
  await expect(page.getByTestId('article-reader')).toHaveAttribute('data-highlights-ready', 'true');
}

test('the login page, empty and after a failed attempt', async ({ page }) => {
  const user = await makeUser();
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoViolations(page, 'login');
  try {
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('login-error')).toBeVisible();
    await expectNoViolations(page, 'login, failed');
  } finally {
    // Failures also count against this machine's IP, which every other test signs in from (see security.spec.ts).
    await testDb().signInFailure.deleteMany({ where: { email: user.email } });
  }
});

test('the projects list, a project page with its export menu open, and the keyboard help', async ({ page, baseURL }) => {
  const team = await seedProject(baseURL!);
  await signIn(page, team.admin.email);
  await page.goto('/');
  await expect(page.getByRole('link', { name: team.project.name })).toBeVisible();
  await expectNoViolations(page, 'projects list');

  await page.goto(`/projects/${team.project.id}`);
  await expect(page.getByRole('link', { name: 'Tehran answers' })).toBeVisible();
  await expectNoViolations(page, 'project page (admin)');
  const menu = page.getByRole('form', { name: 'Export' });
  await menu.getByText('Filter').click();
  await expect(menu.getByRole('group', { name: 'Tags' })).toBeVisible();
  await expectNoViolations(page, 'project page, export filter open');

  await page.keyboard.press('Escape');
  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expectNoViolations(page, 'keyboard help');
});

test('the article reader: spans drawn, the tag toolbar, the span popover, the compare view', async ({ page, baseURL }) => {
  const team = await seedProject(baseURL!);
  await signIn(page, team.analyst.email);
  await openReader(page, team.article.id);
  // Highlights are marks that say their tag and status, not colour alone.
  await expect(page.getByTestId('article-text').locator('mark[data-annotation-id]').first()).toHaveAttribute('title', 'Assertion · Pending');
  await expectNoViolations(page, 'reader');

  await selectWithMouse(page, 'Iranian hackers');
  await expect(page.getByRole('toolbar', { name: 'Tag selection' })).toBeVisible();
  await expectNoViolations(page, 'reader, tag toolbar');
  await page.keyboard.press('Escape');

  await page.getByRole('complementary', { name: 'Spans' }).getByRole('button').filter({ hasText: 'Albania cut ties with Iran' }).click();
  const popover = page.getByRole('dialog', { name: 'Span' });
  await expect(popover.getByTestId('span-link')).toHaveCount(1);
  await expectNoViolations(page, 'reader, span popover (author)');

  await popover.getByRole('button', { name: 'Link…' }).click();
  const compare = page.getByRole('region', { name: 'Compare' });
  await compare.getByLabel('Compare with').selectOption({ label: 'Wire Two — Tehran answers' });
  await expect(compare.getByTestId('compare-reader')).toHaveAttribute('data-highlights-ready', 'true');
  await expectNoViolations(page, 'reader, compare view');
});

test('the reader as a reviewer: the popover with review controls, and the compare page', async ({ page, baseURL }) => {
  const team = await seedProject(baseURL!);
  await signIn(page, team.reviewer.email);
  await page.goto(`/articles/${team.article.id}#span-${team.assertion.id}`);
  const popover = page.getByRole('dialog', { name: 'Span' });
  await expect(popover.getByTestId('span-link')).toHaveCount(1);
  await expectNoViolations(page, 'reader, span popover (reviewer)');

  await page.goto(`/articles/${team.article.id}/compare`);
  await expect(page.getByTestId('comparison')).toHaveAttribute('data-ready', 'true');
  await expectNoViolations(page, 'compare');
});

test('the review queues of spans and of links', async ({ page, baseURL }) => {
  const team = await seedProject(baseURL!);
  await signIn(page, team.reviewer.email);
  await page.goto(`/projects/${team.project.id}/review`);
  const queue = page.getByRole('region', { name: 'Queue' });
  await expect(queue.locator('[aria-current="true"]')).toBeVisible();
  await expectNoViolations(page, 'review queue (spans)');
  await page.keyboard.press('r');
  await expect(page.getByLabel('Why reject?')).toBeVisible();
  await expectNoViolations(page, 'review queue, reject form');

  await page.goto(`/projects/${team.project.id}/review?kind=links`);
  await expect(page.getByRole('region', { name: 'Queue' }).locator('[aria-current="true"]')).toBeVisible();
  await expectNoViolations(page, 'review queue (links)');
});

test('claims: the matrix and a claim page', async ({ page, baseURL }) => {
  const team = await seedProject(baseURL!);
  await signIn(page, team.admin.email);
  await page.goto(`/projects/${team.project.id}/matrix`);
  await expect(page.getByRole('table', { name: 'Claims by outlet' })).toBeVisible();
  await expectNoViolations(page, 'claims matrix');
  await page.goto(`/claims/${team.claim.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page, 'claim page');
});

test('agreement, activity, search, orphans and revisions', async ({ page, baseURL }) => {
  const team = await seedProject(baseURL!);
  await signIn(page, team.admin.email);
  for (const [path, name] of [
    [`/projects/${team.project.id}/agreement`, 'agreement'],
    [`/projects/${team.project.id}/activity`, 'activity'],
    [`/projects/${team.project.id}/search?q=Iran`, 'search'],
    [`/projects/${team.project.id}/orphans`, 'orphans'],
    [`/articles/${team.wire.id}/revisions`, 'revisions'],
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(page, name);
  }
  await expect(page.getByText('Iran hired four groups')).not.toHaveCount(0);
});

test('members, as an admin and as an analyst', async ({ page, baseURL }) => {
  const team = await seedProject(baseURL!);
  await signIn(page, team.admin.email);
  await page.goto(`/projects/${team.project.id}/members`);
  await expect(page.getByRole('form', { name: 'Add a member' })).toBeVisible();
  await expectNoViolations(page, 'members (admin)');
  await page.context().clearCookies();
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}/members`);
  await expect(page.getByRole('table', { name: 'Members' })).toBeVisible();
  await expectNoViolations(page, 'members (analyst)');
});

test('API tokens, with a new token shown', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.analyst.email);
  await page.goto('/account/tokens');
  await expectNoViolations(page, 'tokens, none yet');
  await page.getByLabel('Name').fill('notebook');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('region', { name: 'New token' }).getByRole('status', { name: 'Token secret' })).toBeVisible();
  await expectNoViolations(page, 'tokens, one created');
});

test('the first Tab reaches "Skip to content", which moves focus past the top bar to the page', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#content')).toBeFocused();
  // The next Tab lands on the page, not on the top bar.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#content')))).toBe(true);
});
