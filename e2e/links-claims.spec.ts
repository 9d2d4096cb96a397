import fs from 'node:fs';
import path from 'node:path';
import { test, expect, request as playwrightRequest, type Page } from '@playwright/test';
import { cpRange, makeArticle, makeTeam, makeToken, signIn, testDb } from './fixtures';
import { selectWithMouse } from './select-text';

// Three articles of the demo corpus, with the outlets and titles of its manifest,
// in a project made for each test.
const CORPUS = path.join(process.cwd(), 'data/demo/albania-iran-2022');
type Entry = { file: string; outlet: string | null; title: string; published: string | null };
const manifest: { articles: Entry[] } = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8'));
const entry = (outlet: string) => manifest.articles.find((a) => a.outlet === outlet)!;
const CYBER_DAILY = entry('Cyber Daily');
const TECH_MONITOR = entry('Tech Monitor');
const PRIVACY_NINJA = entry('Privacy Ninja');

// Cyber Daily reports the attribution; Tech Monitor reports Tehran's denial;
// Privacy Ninja quotes Rama on the same finding in other words.
const ASSERTION = 'Iran "hired four groups to mount the attack on Albania"';
const DENIAL = 'the claims that the country led the cyberattack are “baseless”';
const CORROBORATION = 'through the engagement of four groups that enacted the aggression';

async function makeCorpusProject() {
  const team = await makeTeam();
  const add = (e: Entry) =>
    makeArticle(team.project.id, {
      title: e.title,
      outlet: e.outlet,
      published: e.published,
      text: fs.readFileSync(path.join(CORPUS, e.file), 'utf8'),
    });
  const [cyberDaily, techMonitor, privacyNinja] = await Promise.all([add(CYBER_DAILY), add(TECH_MONITOR), add(PRIVACY_NINJA)]);
  return { team, cyberDaily, techMonitor, privacyNinja };
}

const reader = (page: Page) => page.getByTestId('article-reader');
const spanList = (page: Page) => page.getByRole('complementary', { name: 'Spans' });
const popover = (page: Page) => page.getByRole('dialog', { name: 'Span' });
const listItem = (page: Page, text: string) => page.getByTestId('span-list-item').filter({ hasText: text.slice(0, 30) });

async function openReader(page: Page, articleId: string) {
  await page.goto(`/articles/${articleId}`);
  await expect(reader(page)).toHaveAttribute('data-highlights-ready', 'true');
}

async function tag(page: Page, text: string, label: 'Assertion' | 'Denial' | 'Evidence') {
  await selectWithMouse(page, text);
  await page.getByRole('toolbar', { name: 'Tag selection' }).getByRole('button', { name: label, exact: true }).click();
  await expect(listItem(page, text)).toBeVisible();
}

async function openFromList(page: Page, text: string) {
  await listItem(page, text).getByRole('button').click();
  await expect(popover(page)).toBeVisible();
}

test('an analyst links a denial to an assertion in another outlet, puts both in a claim, sees it in the matrix, and follows a suggested match', async ({ page }) => {
  test.setTimeout(120_000);
  const { team, cyberDaily, techMonitor, privacyNinja } = await makeCorpusProject();
  await signIn(page, team.analyst.email);

  // 1. The assertion, in Cyber Daily.
  await openReader(page, cyberDaily.id);
  await tag(page, ASSERTION, 'Assertion');
  const assertion = await testDb().annotation.findFirstOrThrow({ where: { articleId: cyberDaily.id } });
  expect(assertion).toMatchObject({ exact: ASSERTION, label: 'ASSERTION' });

  // 2. The denial, in Tech Monitor; then Link… opens the compare view.
  await openReader(page, techMonitor.id);
  await tag(page, DENIAL, 'Denial');
  const denial = await testDb().annotation.findFirstOrThrow({ where: { articleId: techMonitor.id } });
  await openFromList(page, DENIAL);
  await expect(popover(page).getByTestId('span-links')).toContainText('Not linked to other spans yet.');
  await popover(page).getByRole('button', { name: 'Link…' }).click();
  const compare = page.getByRole('region', { name: 'Compare' });
  await expect(compare).toBeVisible();
  await expect(popover(page)).toBeHidden();
  // The chooser shows its prompt whole: it was squeezed beside the search box to "Choose an art".
  await expect(compare.getByLabel('Compare with').locator('option').first()).toHaveText('Choose an article');
  const room = await compare.getByLabel('Compare with').evaluate((select: HTMLSelectElement) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = getComputedStyle(select).font;
    return { select: select.clientWidth, prompt: ctx.measureText(select.options[0].text).width };
  });
  expect(room.select, JSON.stringify(room)).toBeGreaterThan(room.prompt + 24); // + padding and the arrow
  await compare.getByLabel('Compare with').selectOption({ label: `Cyber Daily — ${CYBER_DAILY.title}` });
  const second = compare.getByTestId('compare-reader');
  await expect(second).toHaveAttribute('data-highlights-ready', 'true');
  await expect(second).toHaveAttribute('data-highlight-count', '1');
  // Side by side: the source article is still on screen.
  await expect(reader(page).getByTestId('article-text')).toBeVisible();

  // Click the assertion there, then Contradicts.
  await second.locator(`[data-annotation-id="${assertion.id}"]`).first().click();
  await expect(compare.getByTestId('compare-target')).toHaveAttribute('data-annotation-id', assertion.id);
  await compare.getByRole('button', { name: 'Contradicts' }).click();
  await expect(compare.getByTestId('compare-status')).toHaveText('Linked: contradicts.');
  const link = await testDb().link.findFirstOrThrow({ where: { fromAnnotationId: denial.id } });
  expect(link).toMatchObject({ toAnnotationId: assertion.id, kind: 'CONTRADICTS', projectId: team.project.id, authorId: team.analyst.id });

  // Both in one claim: made from the denial (the source span), the assertion attached.
  await compare.getByRole('button', { name: 'Put both in the same claim' }).click();
  await expect(compare.getByTestId('compare-status')).toContainText('Both spans are in the claim');
  const spans = await testDb().annotation.findMany({ where: { id: { in: [denial.id, assertion.id] } }, select: { claimId: true } });
  const claimId = spans[0].claimId;
  expect(claimId).toBeTruthy();
  expect(spans.map((s) => s.claimId)).toEqual([claimId, claimId]);
  const claim = await testDb().claim.findUniqueOrThrow({ where: { id: claimId! } });
  expect(claim.text).toBe(DENIAL);

  // Escape closes the compare view; the list counts the new link.
  await page.keyboard.press('Escape');
  await expect(compare).toBeHidden();
  await expect(listItem(page, DENIAL).getByTestId('span-link-count')).toHaveAttribute('data-count', '1');
  await openFromList(page, DENIAL);
  await expect(popover(page).getByTestId('span-claim')).toContainText(DENIAL);
  await expect(popover(page).getByRole('link', { name: DENIAL })).toHaveAttribute('href', `/claims/${claimId}`);

  // 3. The matrix: the claim's row has an assertion under Cyber Daily and a denial under Tech Monitor.
  await page.goto(`/projects/${team.project.id}/matrix`);
  const row = page.getByRole('table', { name: 'Claims by outlet' }).getByRole('row').filter({ hasText: DENIAL });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('2 spans · 2 outlets');
  const cyberCell = row.getByRole('link', { name: /^Cyber Daily: / });
  const techCell = row.getByRole('link', { name: /^Tech Monitor: / });
  await expect(cyberCell).toHaveAccessibleName('Cyber Daily: 1 assertion 0 approved, 1 pending, 0 rejected');
  await expect(cyberCell).toContainText('assertion');
  await expect(cyberCell).not.toContainText('denial');
  await expect(techCell).toContainText('denial');
  await expect(techCell).not.toContainText('assertion');

  // 4. Suggested matches for the assertion: Privacy Ninja quotes the same finding.
  await openReader(page, cyberDaily.id);
  await expect(listItem(page, ASSERTION).getByTestId('span-link-count')).toHaveAttribute('data-count', '1');
  await openFromList(page, ASSERTION);
  await expect(popover(page).getByTestId('span-link')).toHaveCount(1);
  await expect(popover(page).getByTestId('span-link')).toContainText('Contradicts');
  await expect(popover(page).getByTestId('span-link')).toContainText('Tech Monitor');
  await popover(page).getByRole('button', { name: 'Suggested matches' }).click();
  const suggestions = page.getByRole('region', { name: 'Suggested matches' });
  const match = suggestions.getByTestId('suggestion').filter({ hasText: CORROBORATION });
  await expect(match).toBeVisible();
  await expect(match).toContainText('Privacy Ninja');
  await expect(match.locator('mark').first()).toBeVisible();
  expect(await suggestions.getByTestId('suggestion').count()).toBeLessThanOrEqual(10);

  // The sentence is not a span yet: say which tag it gets (the source's, by default), then link.
  await match.getByRole('button', { name: 'Corroborates' }).click();
  await expect(match.getByLabel('Tag for the sentence')).toHaveValue('assertion');
  await match.getByRole('button', { name: /Tag and link/ }).click();
  await expect(match).toContainText('Linked: corroborates.');
  const made = await testDb().annotation.findFirstOrThrow({ where: { articleId: privacyNinja.id } });
  expect(made.label).toBe('ASSERTION');
  expect(made.exact).toContain(CORROBORATION);
  expect(await testDb().sentence.count({ where: { articleId: privacyNinja.id, start: made.start, end: made.end } })).toBe(1);
  const corroborates = await testDb().link.findFirstOrThrow({ where: { fromAnnotationId: assertion.id, toAnnotationId: made.id } });
  expect(corroborates.kind).toBe('CORROBORATES');

  // The count follows: two links on the assertion now.
  await suggestions.getByRole('button', { name: 'Close suggestions' }).click();
  await expect(listItem(page, ASSERTION).getByTestId('span-link-count')).toHaveAttribute('data-count', '2');
  expect(await testDb().link.count({ where: { OR: [{ fromAnnotationId: assertion.id }, { toAnnotationId: assertion.id }] } })).toBe(2);

  // 5. Following a link goes to the other span, open in its own article.
  await openFromList(page, ASSERTION);
  await expect(popover(page).getByTestId('span-links')).toHaveAttribute('data-count', '2');
  await popover(page).getByTestId('span-link').filter({ hasText: 'Tech Monitor' }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/articles/${techMonitor.id}#span-${denial.id}$`));
  await expect(popover(page)).toHaveAttribute('data-annotation-id', denial.id);
});

test('opening a suggestion shows its sentence beside the span, ready to tag; dismissing removes it; deleting a linked span says what went with it', async ({ page }) => {
  test.setTimeout(90_000);
  const { team, cyberDaily, privacyNinja } = await makeCorpusProject();
  await signIn(page, team.analyst.email);
  await openReader(page, cyberDaily.id);
  // Escape drops a selection even with the focus in the text (where ProseMirror cancels every Escape).
  await selectWithMouse(page, 'Albania has cut diplomatic ties with Iran');
  await expect(page.getByRole('toolbar', { name: 'Tag selection' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('toolbar', { name: 'Tag selection' })).toBeHidden();
  await tag(page, ASSERTION, 'Assertion');
  const assertion = await testDb().annotation.findFirstOrThrow({ where: { articleId: cyberDaily.id } });

  await openFromList(page, ASSERTION);
  await popover(page).getByRole('button', { name: 'Suggested matches' }).click();
  const suggestions = page.getByRole('region', { name: 'Suggested matches' });
  await expect(suggestions.getByTestId('suggestion').first()).toBeVisible();

  // Dismiss one that is not the match: gone from the list, and stored.
  const other = suggestions.getByTestId('suggestion').filter({ hasNotText: CORROBORATION }).first();
  const dismissedId = await other.getAttribute('data-sentence-id');
  await other.getByRole('button', { name: 'Dismiss' }).click();
  await expect(suggestions.locator(`[data-sentence-id="${dismissedId}"]`)).toHaveCount(0);
  expect(await testDb().suggestionDismissal.count({ where: { annotationId: assertion.id, sentenceId: dismissedId! } })).toBe(1);

  // Open: the compare view on Privacy Ninja, the sentence selected so the toolbar offers to tag it.
  await suggestions.getByTestId('suggestion').filter({ hasText: CORROBORATION }).getByRole('button', { name: 'Open' }).click();
  const compare = page.getByRole('region', { name: 'Compare' });
  await expect(compare.getByLabel('Compare with')).toHaveValue(privacyNinja.id);
  await expect(compare.getByTestId('compare-reader')).toHaveAttribute('data-highlights-ready', 'true');
  const toolbar = compare.getByRole('toolbar', { name: 'Tag selection' });
  await expect(toolbar).toBeVisible();
  // Tagged there, the new span becomes the link target at once.
  await toolbar.getByRole('button', { name: 'Evidence', exact: true }).click();
  await expect(compare.getByTestId('compare-target')).toContainText('The in-depth investigation');
  const made = await testDb().annotation.findFirstOrThrow({ where: { articleId: privacyNinja.id } });
  expect(made.label).toBe('EVIDENCE');
  expect(made.exact).toContain(CORROBORATION);
  await expect(compare.getByTestId('compare-target')).toHaveAttribute('data-annotation-id', made.id);
  await compare.getByRole('button', { name: 'Corroborates' }).click();
  await expect(compare.getByTestId('compare-status')).toHaveText('Linked: corroborates.');
  await compare.getByRole('button', { name: 'Close compare' }).click();
  await expect(compare).toBeHidden();
  await expect(listItem(page, ASSERTION).getByTestId('span-link-count')).toHaveAttribute('data-count', '1');

  // Deleting the linked span asks first and reports the link that went with it.
  await openFromList(page, ASSERTION);
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (d) => {
      resolve(d.message());
      void d.accept();
    }),
  );
  await popover(page).getByRole('button', { name: 'Delete' }).click();
  expect(await asked).toBe('This span has 1 link. Delete the span and its link? (Undo brings them back.)');
  await expect(page.getByTestId('reader-status')).toHaveText('Span deleted; 1 link removed.');
  expect(await testDb().link.count({ where: { toAnnotationId: made.id } })).toBe(0);
});

test('a search result or claim page link (#cp-) opens the span starting there; a stale #span- link says so', async ({ page }) => {
  const { team, cyberDaily } = await makeCorpusProject();
  const text = (await testDb().article.findUniqueOrThrow({ where: { id: cyberDaily.id } })).text;
  const start = Array.from(text.slice(0, text.indexOf(ASSERTION))).length;
  const span = await testDb().annotation.create({
    data: {
      articleId: cyberDaily.id,
      authorId: team.analyst.id,
      label: 'ASSERTION',
      start,
      end: start + Array.from(ASSERTION).length,
      exact: ASSERTION,
      prefix: '',
      suffix: '',
      textHash: cyberDaily.textHash,
    },
  });
  await signIn(page, team.reviewer.email);
  await page.goto(`/articles/${cyberDaily.id}#cp-${start}`);
  await expect(popover(page)).toHaveAttribute('data-annotation-id', span.id);
  // A reviewer sees links and claim, but no controls to change them.
  await expect(popover(page).getByTestId('span-claim')).toContainText('Not part of a claim.');
  await expect(popover(page).getByRole('button', { name: 'Link…' })).toHaveCount(0);

  await page.goto(`/articles/${cyberDaily.id}#span-not-a-span`);
  await expect(page.getByTestId('reader-status')).toHaveText('That span is not in this article any more; it may have been deleted.');
});

test('a search result opens its article with the passage selected, ready to tag with a key', async ({ page }) => {
  const { team, cyberDaily } = await makeCorpusProject();
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}/search?q=${encodeURIComponent('"four groups"')}`);
  const passages = page.getByRole('region', { name: 'Passages' });
  const count = await passages.getByRole('listitem').count();
  await expect(page.getByRole('navigation', { name: 'Results' }).getByRole('link', { name: `Passages (${count})` })).toHaveAttribute('href', '#sx-passages');
  const first = passages.getByRole('listitem').filter({ hasText: 'hired four groups' }).filter({ hasText: 'Cyber Daily' }).first();
  const sentence = (await first.getByRole('link').first().innerText()).trim();
  await first.getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/articles/${cyberDaily.id}#cp-\\d+-\\d+$`));
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString().trim())).toBe(sentence);
  await page.keyboard.press('2');
  await expect(page.getByTestId('reader-status')).toHaveText('Denial added.');
  const row = await testDb().annotation.findFirstOrThrow({ where: { articleId: cyberDaily.id } });
  expect(row).toMatchObject({ label: 'DENIAL', exact: sentence });
});

test('a claim page shows the claim’s history and deletes the claim, keeping its spans', async ({ page, baseURL }) => {
  const team = await makeTeam('Albania cut ties with Iran. Tehran denied the accusation.');
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst2.id)}` } });
  const span = await (await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(team.article.text, 'Tehran denied the accusation'), label: 'denial' } })).json();
  const claim = await (await api.post('/api/v1/claims', { data: { projectId: team.project.id, annotationId: span.id } })).json();
  await api.patch(`/api/v1/claims/${claim.id}`, { data: { text: 'Tehran denies the attack', verdict: 'Disputed', version: 1 } });

  await signIn(page, team.analyst.email);
  await page.goto(`/claims/${claim.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tehran denies the attack');
  const history = page.getByTestId('claim-history');
  await history.getByText('History').click();
  const events = history.getByRole('list', { name: 'History' }).getByRole('listitem');
  await expect(events).toHaveCount(2);
  await expect(events.nth(0)).toContainText('Analyst Two created the claim');
  await expect(events.nth(1)).toContainText('edited: “Tehran denied the accusation” → “Tehran denies the attack”; verdict Disputed');
  await expect(page).toHaveTitle('Claim: Tehran denies the attack · Crosscheck');

  // The verdict changed through the form, with its reason, says it was saved and shows both.
  await page.getByLabel('Verdict', { exact: true }).fill('False');
  await page.getByLabel('Reason for the verdict').fill('Microsoft attributed the attack to Iran.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('claim-saved')).toHaveText('Saved.');
  await expect(page.getByTestId('claim-verdict')).toContainText('Verdict: False — Microsoft attributed the attack to Iran. (given 20');
  expect(await testDb().claim.findUniqueOrThrow({ where: { id: claim.id }, select: { verdict: true, verdictNote: true } })).toEqual({ verdict: 'False', verdictNote: 'Microsoft attributed the attack to Iran.' });
  // Activity says so, and its row leads to the claim.
  await page.goto(`/projects/${team.project.id}/activity?action=claim.update`);
  const row = page.getByRole('table', { name: 'Events' }).getByRole('row').filter({ hasText: 'verdict: False' });
  await expect(row).toContainText('(“Microsoft attributed the attack to Iran.”)');
  await row.getByRole('link', { name: 'Claim edited' }).click();
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}$`));

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete claim' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${team.project.id}/matrix$`));
  await expect(page.getByText('Tehran denies the attack')).toHaveCount(0);
  expect(await testDb().claim.count({ where: { id: claim.id } })).toBe(0);
  expect(await testDb().annotation.findUniqueOrThrow({ where: { id: span.id }, select: { claimId: true } })).toEqual({ claimId: null });
});

test('undoing the deletion of a span puts the new span back into its claim, with its links', async ({ page, baseURL }) => {
  const team = await makeTeam('Albania cut ties with Iran. Tehran denied it.');
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const span = await (await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { start: 28, end: 45, label: 'denial' } })).json();
  const other = await (await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { start: 0, end: 26, label: 'assertion' } })).json();
  expect((await api.post('/api/v1/links', { data: { fromAnnotationId: span.id, toAnnotationId: other.id, kind: 'contradicts' } })).status()).toBe(201);
  const claim = await (await api.post('/api/v1/claims', { data: { projectId: team.project.id, annotationId: span.id } })).json();
  await signIn(page, team.analyst.email);
  await page.goto(`/articles/${team.article.id}#span-${span.id}`);
  const dialog = page.getByRole('dialog', { name: 'Span' });
  await expect(dialog.getByTestId('span-claim')).toHaveAttribute('data-claim-id', claim.id);
  page.once('dialog', (d) => void d.accept());
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('reader-status')).toHaveText('Span deleted; 1 link removed.');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('reader-status')).toHaveText('Delete undone: the span is back in its claim, with 1 link (pending review).');
  const restored = await testDb().annotation.findFirstOrThrow({ where: { articleId: team.article.id, exact: 'Tehran denied it.' } });
  expect(restored.id).not.toBe(span.id);
  expect(restored.claimId).toBe(claim.id);
  expect(await testDb().link.findMany({ where: { projectId: team.project.id }, select: { fromAnnotationId: true, toAnnotationId: true, kind: true, status: true } })).toEqual([
    { fromAnnotationId: restored.id, toAnnotationId: other.id, kind: 'CONTRADICTS', status: 'PENDING' },
  ]);
});
