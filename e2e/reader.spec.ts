import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { makeArticle, makeTeam, signIn, testDb } from './fixtures';
import { selectWithKeyboard, selectWithMouse } from './select-text';

// A seed article of the demo corpus, in a project made for this test.
const CYBER_DAILY = fs.readFileSync(path.join(process.cwd(), 'data/demo/albania-iran-2022/000_3aa9e6ebed2cab3d.txt'), 'utf8');
const ASSERTION = 'Albania has cut diplomatic ties with Iran';
const DENIAL = 'Iran rejected the Albanian Prime Minister\'s claims as "baseless"';
const EVIDENCE = 'all systems came back fully operational';
const BY_KEYBOARD = 'Relations between Tirana and Tehran have been tense';

const reader = (page: Page) => page.getByTestId('article-reader');
const spanList = (page: Page) => page.getByRole('complementary', { name: 'Spans' });

async function openReader(page: Page, articleId: string) {
  await page.goto(`/articles/${articleId}`);
  await expect(reader(page)).toHaveAttribute('data-highlights-ready', 'true');
}

async function tagWithToolbar(page: Page, text: string, label: 'Assertion' | 'Denial' | 'Evidence', speaker?: string) {
  await selectWithMouse(page, text);
  const toolbar = page.getByRole('toolbar', { name: 'Tag selection' });
  await expect(toolbar).toBeVisible();
  if (speaker) await toolbar.getByLabel('Speaker').fill(speaker);
  await toolbar.getByRole('button', { name: label, exact: true }).click();
  await expect(spanList(page).getByText(text.slice(0, 30))).toBeVisible();
}

test('an analyst tags spans by mouse and keyboard; they persist, another analyst sees them, edits and deletes work', async ({ page, browser }) => {
  const team = await makeTeam();
  const article = await makeArticle(team.project.id, { title: 'Albania accuses Iran', outlet: 'Cyber Daily', text: CYBER_DAILY });

  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}`);
  await page.getByRole('link', { name: 'Albania accuses Iran' }).click();
  await expect(reader(page)).toHaveAttribute('data-highlights-ready', 'true');
  await expect(reader(page)).toContainText('Albanian Prime Minister Edi Rama revealed a probe');

  await tagWithToolbar(page, ASSERTION, 'Assertion', 'Cyber Daily');
  await tagWithToolbar(page, DENIAL, 'Denial', "Iran's foreign ministry");
  await tagWithToolbar(page, EVIDENCE, 'Evidence');

  // Keyboard: extend a selection with shift+arrows, then press 2 (denial).
  await selectWithKeyboard(page, BY_KEYBOARD);
  await page.keyboard.press('2');
  await expect(spanList(page).getByText(BY_KEYBOARD.slice(0, 30))).toBeVisible();

  await expect(reader(page).locator('[data-annotation-id]')).not.toHaveCount(0);
  const stored = await testDb().annotation.findMany({ where: { articleId: article.id }, orderBy: { start: 'asc' } });
  expect(stored.map((s) => [s.exact, s.label])).toEqual([
    [ASSERTION, 'ASSERTION'],
    [DENIAL, 'DENIAL'],
    [BY_KEYBOARD, 'DENIAL'],
    [EVIDENCE, 'EVIDENCE'],
  ]);
  expect(stored[0].speaker).toBe('Cyber Daily');
  for (const s of stored) expect(Array.from(CYBER_DAILY).slice(s.start, s.end).join('')).toBe(s.exact);

  // Reload: the same spans, drawn and listed.
  await page.reload();
  await expect(reader(page)).toHaveAttribute('data-highlights-ready', 'true');
  await expect(reader(page)).toHaveAttribute('data-highlight-count', '4');
  await expect(spanList(page).getByRole('button')).toHaveCount(4);

  // A second analyst, in another browser, sees them.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await signIn(page2, team.analyst2.email);
  await openReader(page2, article.id);
  await expect(reader(page2)).toHaveAttribute('data-highlight-count', '4');
  await expect(spanList(page2).getByText(EVIDENCE)).toBeVisible();
  await other.close();

  // Edit: open the evidence span from the list, change tag and note.
  await spanList(page).getByRole('button').filter({ hasText: EVIDENCE }).click();
  const dialog = page.getByRole('dialog', { name: 'Span' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Tag').selectOption('assertion');
  await dialog.getByLabel('Note').fill('Rama, on the outcome');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await testDb().annotation.findFirst({ where: { articleId: article.id, exact: EVIDENCE } }))?.note).toBe('Rama, on the outcome');
  const edited = await testDb().annotation.findFirstOrThrow({ where: { articleId: article.id, exact: EVIDENCE } });
  expect(edited).toMatchObject({ label: 'ASSERTION', version: 2 });

  // Delete by clicking the highlight itself; its history says what the edit changed.
  await reader(page).locator(`[data-annotation-id="${edited.id}"]`).first().click();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('annotation-history').locator('summary').click();
  await expect(dialog.getByTestId('annotation-history')).toContainText('edited: tag evidence → assertion; note “Rama, on the outcome”');
  page.once('dialog', (d) => d.accept());
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(spanList(page).getByRole('button')).toHaveCount(3);
  expect(await testDb().annotation.count({ where: { articleId: article.id } })).toBe(3);

  // Ctrl+Z brings the deleted span back (a new pending span); Undo then takes back the edit on it.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('reader-status')).toHaveText('Delete undone: the span is back.');
  await expect(spanList(page).getByRole('button')).toHaveCount(4);
  await page.getByRole('button', { name: 'Undo edit' }).click();
  await expect(page.getByTestId('reader-status')).toHaveText('Edit undone.');
  await expect
    .poll(async () => (await testDb().annotation.findFirst({ where: { articleId: article.id, exact: EVIDENCE } }))?.label)
    .toBe('EVIDENCE');
  const restored = await testDb().annotation.findFirstOrThrow({ where: { articleId: article.id, exact: EVIDENCE } });
  expect(restored).toMatchObject({ note: null, status: 'PENDING' });
  await expect(page.getByRole('button', { name: /^Undo/ })).toHaveCount(0);
});

test('a user of another project gets nothing: no project, no article, no spans', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.outsider.email);
  await expect(page.getByRole('link', { name: team.project.name })).toHaveCount(0);
  const projectPage = await page.goto(`/projects/${team.project.id}`);
  expect(projectPage?.status()).toBe(404);
  const articlePage = await page.goto(`/articles/${team.article.id}`);
  expect(articlePage?.status()).toBe(404);
  await expect(page.getByText(team.article.text)).toHaveCount(0);
  const api = await page.request.get(`/api/v1/articles/${team.article.id}`);
  expect(api.status()).toBe(404);
});

test('signing in with a wrong password says so; anonymous visitors are sent to sign in', async ({ page }) => {
  const team = await makeTeam();
  await page.goto(`/articles/${team.article.id}`);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill(team.analyst.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password.');
  await signIn(page, team.analyst.email);
  await expect(page.getByRole('link', { name: team.project.name })).toBeVisible();
});

test('the project page lists outlet, title, date and tag counts', async ({ page }) => {
  const team = await makeTeam();
  const article = await makeArticle(team.project.id, { title: 'Counted article', outlet: 'Tech Monitor', published: '2022-09-08', text: 'Iran denied it. Albania said so.' });
  await testDb().annotation.createMany({
    data: [
      { articleId: article.id, authorId: team.analyst.id, label: 'DENIAL', start: 0, end: 14, exact: 'Iran denied it', prefix: '', suffix: '. Albania said so.', textHash: article.textHash },
      { articleId: article.id, authorId: team.analyst.id, label: 'ASSERTION', start: 16, end: 31, exact: 'Albania said so', prefix: 'Iran denied it. ', suffix: '.', textHash: article.textHash },
    ],
  });
  await signIn(page, team.reviewer.email);
  await page.goto(`/projects/${team.project.id}`);
  const row = page.getByRole('row').filter({ hasText: 'Counted article' });
  await expect(row).toContainText('Tech Monitor');
  await expect(row).toContainText('2022-09-08');
  await expect(row.getByRole('cell', { name: '1 assertion' })).toBeVisible();
  await expect(row.getByRole('cell', { name: '1 denial' })).toBeVisible();
  await expect(row.getByRole('cell', { name: '0 evidence' })).toBeVisible();
});

test('an analyst imports files by choosing them on the project page and sees a summary', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}`);
  await page.getByLabel('Files to import').setInputFiles([
    { name: 'good.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ title: 'Uploaded through the page', outlet: 'RFE/RL', text: 'Albania expelled Iranian diplomats.' }) + '\n') },
    { name: 'bad.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from('{"title": "no text"}\n') },
    { name: 'worse.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from('{"title": "no text"}\n{"text": "Fine."}\n{"text": "x", "published": "May 5"}\n') },
    { name: 'empty.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from('') },
    { name: 'noted.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ Title: 'Misnamed title', text: 'Tirana blamed Tehran.' }) + '\n') },
    // doccano's sequence-labelling export: its spans come in as the analyst's pending spans.
    { name: 'doccano.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ text: 'Tehran denied it. Tirana blamed Iran.', label: [[7, 16, 'DENIAL'], [18, 37, 'ASSERTION']] }) + '\n') },
  ]);
  const summary = page.getByRole('list', { name: 'Import summary' });
  await expect(summary).toHaveAttribute('aria-live', 'polite');
  await expect(summary).toContainText('good.jsonl: 1 article, 1 added, 0 unchanged');
  await expect(summary).toContainText('bad.jsonl, line 1: field "text" is missing (nothing of this file was imported)');
  // Every invalid record of a file is listed, one a line.
  const worse = summary.getByRole('listitem').filter({ hasText: 'worse.jsonl' });
  await expect(worse).toContainText('line 3');
  expect((await worse.innerText()).split('\n')).toEqual([
    'worse.jsonl: 2 invalid records (nothing of this file was imported):',
    '- line 1: field "text" is missing',
    '- line 3: field "published" must be a date, YYYY-MM-DD (it is "May 5")',
  ]);
  await expect(summary).toContainText('empty.jsonl: no articles in this file (is it empty?); nothing imported');
  // A field that was not read is named under the file's line.
  const noted = summary.getByRole('listitem').filter({ hasText: 'noted.jsonl' });
  await expect(noted).toContainText('was ignored');
  expect((await noted.innerText()).split('\n')).toEqual(['noted.jsonl: 1 article, 1 added, 0 unchanged', '- note: field "Title" was ignored (did you mean "title"?)']);
  await expect(summary).toContainText('doccano.jsonl: 1 article, 1 added, 0 unchanged, 2 spans imported');
  await expect(page.getByRole('link', { name: 'Uploaded through the page' })).toBeVisible();
});

test('a page chosen with its details sidecar imports as one article with those details', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}`);
  await page.getByLabel('Files to import').setInputFiles([
    { name: 'statement.txt', mimeType: 'text/plain', buffer: Buffer.from('Tehran denied any role in the attack.\nIt called the accusation baseless.') },
    { name: 'statement.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ title: 'Iran denies role', outlet: 'IRNA', published: '2022-09-08' })) },
  ]);
  const summary = page.getByRole('list', { name: 'Import summary' });
  await expect(summary).toContainText('statement.txt: 1 article, 1 added, 0 unchanged');
  await expect(summary.getByRole('listitem')).toHaveCount(1);
  const row = page.getByRole('row').filter({ hasText: 'Iran denies role' });
  await expect(row).toContainText('IRNA');
});

test('an analyst imports a corpus folder with its manifest.json by choosing the folder', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}`);
  await page.getByLabel('Corpus folder to import').setInputFiles(path.join(process.cwd(), 'data/demo/albania-iran-2022'));
  const summary = page.getByRole('list', { name: 'Import summary' });
  await expect(summary).toContainText('folder albania-iran-2022: 5 articles, 5 added, 0 unchanged');
  await expect(page.getByRole('row').filter({ hasText: 'Tech Monitor' })).toBeVisible();
  // The same folder again: nothing new.
  await page.getByLabel('Corpus folder to import').setInputFiles(path.join(process.cwd(), 'data/demo/albania-iran-2022'));
  await expect(summary).toContainText('folder albania-iran-2022: 5 articles, 0 added, 5 unchanged');
});

test('a CSV in another layout asks which column holds what, guessing from the names, and imports with that mapping', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}`);
  const csv = 'id,Headline,Publisher,story,notes\r\n41,Albania cuts ties,"Reuters, Inc.","Albania cut ties with Iran 🇦🇱.\r\nTehran denied it.",skip me\r\n';
  const fnc = 'Body ID,articleBody\n9,An FNC-1 body imports without asking.\n';
  await page.getByLabel('Files to import').setInputFiles([
    { name: 'wire.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
    { name: 'bodies.csv', mimeType: 'text/csv', buffer: Buffer.from(fnc) },
  ]);
  const form = page.getByRole('form', { name: 'CSV columns' });
  // Only the file that needs it is asked about; the guesses are filled in.
  await expect(form.getByRole('group')).toHaveCount(1);
  await expect(form.getByRole('group')).toContainText('wire.csv: which column holds what?');
  await expect(form).toContainText('Imported with them: bodies.csv.');
  await expect(form.getByLabel('Text (required)')).toHaveValue('story');
  // Each choice shows what that column holds in the first record, on one line.
  await expect(form.getByText('e.g. “Albania cut ties with Iran 🇦🇱. Tehran denied it.”')).toBeVisible();
  await expect(form.getByLabel('Title')).toHaveValue('Headline');
  await expect(form.getByLabel('External id')).toHaveValue('id');
  await expect(form.getByLabel('Outlet')).toHaveValue('Publisher');
  await expect(form.getByLabel('Author')).toHaveValue('');
  // One column for two fields is allowed, but said.
  await form.getByLabel('Title').selectOption('story');
  await expect(form.getByRole('note')).toHaveText('“story” fills Text and Title.');
  // A guess can be undone: no title column, the article is then titled from its text.
  await form.getByLabel('Title').selectOption('');
  await expect(form.getByRole('note')).toHaveCount(0);
  // Without a text column nothing can be imported, and the form says why.
  await form.getByLabel('Text (required)').selectOption('');
  await expect(form.getByRole('alert')).toHaveText('Choose the column that holds the article text.');
  await expect(form.getByRole('button', { name: 'Import' })).toBeDisabled();
  await form.getByLabel('Text (required)').selectOption('story');
  await form.getByRole('button', { name: 'Import' }).click();

  const summary = page.getByRole('list', { name: 'Import summary' });
  await expect(summary).toContainText('wire.csv: 1 article, 1 added, 0 unchanged');
  await expect(summary).toContainText('bodies.csv: 1 article, 1 added, 0 unchanged');
  await expect(form).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: 'Reuters, Inc.' });
  await expect(row).not.toContainText('Albania cuts ties');
  await row.getByRole('link').click();
  await expect(page.getByTestId('article-text')).toContainText('Albania cut ties with Iran 🇦🇱.');

  // Cancelling the mapping imports none of the files chosen with it, and says so.
  await page.goBack();
  await page.getByLabel('Files to import').setInputFiles([
    { name: 'later.csv', mimeType: 'text/csv', buffer: Buffer.from('story\nNot now.\n') },
    { name: 'later.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ title: 'Not now either', text: 'Later.' }) + '\n') },
  ]);
  await form.getByRole('button', { name: 'Cancel all' }).click();
  await expect(page.getByRole('region', { name: 'Import articles' }).getByRole('status')).toHaveText('Import cancelled: nothing was imported (2 files).');
  await expect(page.getByRole('link', { name: 'Not now either' })).toHaveCount(0);
});
