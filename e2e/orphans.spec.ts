import { test, expect, request as playwrightRequest } from '@playwright/test';
import { cpRange, makeTeam, makeToken, signIn, testDb } from './fixtures';
import { selectWithMouse } from './select-text';

const FIRST = 'Tirana said Iran hired four groups to attack. Tehran denied it.';
const REVISED = 'The government published a new report on the outage today.';

test('a span a revision orphans is announced on its article, found from the queue, and can be deleted on the orphans page', async ({ page, baseURL }) => {
  const team = await makeTeam();
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const jsonl = (text: string) => ({ name: 'wire.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ externalId: 'wire-1', title: 'Wire story', outlet: 'Wire', text }) + '\n') });
  expect((await api.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: jsonl(FIRST) } })).status()).toBe(200);
  const article = await testDb().article.findFirstOrThrow({ where: { projectId: team.project.id, externalId: 'wire-1' } });
  const span = await (await api.post(`/api/v1/articles/${article.id}/annotations`, { data: { ...cpRange(FIRST, 'Iran hired four groups'), label: 'assertion' } })).json();
  // The new text has nothing like the quote: the span loses its place.
  const revised = await (await api.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: jsonl(REVISED) } })).json();
  expect(revised.results[0]).toMatchObject({ revised: 1, orphaned: 1 });

  // The reviewer's queue marks it, and its link leads to the orphans page, not to an article where it is not drawn.
  await signIn(page, team.reviewer.email);
  await page.goto(`/projects/${team.project.id}/review`);
  const item = page.getByRole('region', { name: 'Queue' }).getByRole('listitem').filter({ hasText: 'Iran hired four groups' });
  await expect(item.getByTestId('queue-orphaned')).toHaveText('Orphaned');
  await expect(item.getByRole('link', { name: 'Wire story' })).toHaveAttribute('href', `/projects/${team.project.id}/orphans#span-${span.id}`);

  // The analyst, on the article: told, and a link to the span says where it went.
  await page.context().clearCookies();
  await signIn(page, team.analyst.email);
  await page.goto(`/articles/${article.id}#span-${span.id}`);
  await expect(page.getByTestId('orphan-notice')).toContainText('1 span lost its place when this article was revised');
  await expect(page.getByTestId('reader-status')).toHaveText('That span lost its place when this article was revised; it is listed under Orphaned spans.');
  await page.getByTestId('orphan-notice').getByRole('link', { name: 'see the orphaned spans' }).click();

  const orphan = page.getByTestId('orphan').filter({ hasText: 'Iran hired four groups' });
  await expect(orphan).toContainText('made on revision');
  page.once('dialog', (d) => void d.accept());
  await orphan.getByRole('button', { name: 'Delete the orphaned span “Iran hired four groups”' }).click();
  await expect(page.getByTestId('orphan')).toHaveCount(0);
  expect(await testDb().annotation.count({ where: { id: span.id } })).toBe(0);
  expect(await testDb().auditEvent.count({ where: { objectId: span.id, action: 'annotation.delete' } })).toBe(1);

  // The revisions page, titled after the article, says when it cannot show the revision asked for.
  await page.goto(`/articles/${article.id}/revisions?revision=99`);
  await expect(page).toHaveTitle('Revisions · Wire story · Crosscheck');
  await expect(page.getByTestId('revision-unknown')).toHaveText('There is no earlier revision “99” of this article; showing revision 1.');
  // The older text alone, as it was, one click from the changes.
  await page.getByRole('navigation', { name: 'Show' }).getByRole('link', { name: 'Revision 1 as it was' }).click();
  await expect(page.getByLabel('Text of revision 1')).toHaveText(FIRST);
  await page.getByRole('link', { name: 'Changes to the current text' }).click();
  await expect(page.getByLabel('Changes')).toBeVisible();
});

test('only its author or an admin is offered Delete on the orphans page', async ({ page, baseURL }) => {
  const team = await makeTeam();
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const file = (text: string) => ({ name: 'w.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ externalId: 'w', title: 'W', text }) + '\n') });
  await api.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: file(FIRST) } });
  const article = await testDb().article.findFirstOrThrow({ where: { projectId: team.project.id, externalId: 'w' } });
  await api.post(`/api/v1/articles/${article.id}/annotations`, { data: { ...cpRange(FIRST, 'Tehran denied it'), label: 'denial' } });
  await api.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: file(REVISED) } });
  await signIn(page, team.analyst2.email);
  await page.goto(`/projects/${team.project.id}/orphans`);
  await expect(page.getByTestId('orphan')).toHaveCount(1);
  await expect(page.getByTestId('orphan').getByRole('button', { name: /^Delete/ })).toHaveCount(0);
});

test('an orphan whose words were reworded is placed at the best guess, keeping its link', async ({ page, baseURL }) => {
  const team = await makeTeam();
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const file = (text: string) => ({ name: 'w.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ externalId: 'w', title: 'W', text }) + '\n') });
  const before = 'Tirana said Iran hired four groups to attack the government. Tehran denied it.';
  const reworded = 'Tirana said Iran paid four gangs to attack the government. Tehran denied it.';
  await api.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: file(before) } });
  const article = await testDb().article.findFirstOrThrow({ where: { projectId: team.project.id, externalId: 'w' } });
  const claim = await (await api.post(`/api/v1/articles/${article.id}/annotations`, { data: { ...cpRange(before, 'Iran hired four groups'), label: 'assertion' } })).json();
  const denial = await (await api.post(`/api/v1/articles/${article.id}/annotations`, { data: { ...cpRange(before, 'Tehran denied it'), label: 'denial' } })).json();
  expect((await api.post('/api/v1/links', { data: { fromAnnotationId: denial.id, toAnnotationId: claim.id, kind: 'contradicts' } })).status()).toBe(201);
  const revised = await (await api.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: file(reworded) } })).json();
  expect(revised.results[0]).toMatchObject({ revised: 1, orphaned: 1 });

  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}/orphans`);
  const orphan = page.getByTestId('orphan');
  await expect(orphan.getByTestId('orphan-guess')).toContainText('Iran paid four gangs');
  await expect(orphan.getByTestId('orphan-keeps')).toHaveText('It has a link: placing it keeps it; deleting it loses it.');
  await orphan.getByRole('button', { name: 'Place it here' }).click();
  await expect(page.getByTestId('orphan')).toHaveCount(0);
  const placed = await testDb().annotation.findUniqueOrThrow({ where: { id: claim.id } });
  expect(placed).toMatchObject({ orphaned: false, status: 'PENDING' });
  expect([...reworded].slice(placed.start, placed.end).join('')).toContain('Iran paid four gangs');
  expect(await testDb().link.count({ where: { toAnnotationId: claim.id } })).toBe(1);
  // The span is drawn in the article again, with its link.
  await page.goto(`/articles/${article.id}#span-${claim.id}`);
  await expect(page.getByRole('dialog', { name: 'Span' }).getByTestId('span-links')).toHaveAttribute('data-count', '1');
});

test('an orphan with no passage like it is placed by hand: its author selects the words in the article', async ({ page, baseURL }) => {
  const team = await makeTeam();
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const file = (text: string) => ({ name: 'w.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ externalId: 'w', title: 'W', text }) + '\n') });
  await api.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: file(FIRST) } });
  const article = await testDb().article.findFirstOrThrow({ where: { projectId: team.project.id, externalId: 'w' } });
  const span = await (await api.post(`/api/v1/articles/${article.id}/annotations`, { data: { ...cpRange(FIRST, 'Iran hired four groups'), label: 'assertion' } })).json();
  await api.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: file(REVISED) } });

  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}/orphans`);
  const orphan = page.getByTestId('orphan');
  await expect(orphan.getByTestId('orphan-guess')).toHaveCount(0);
  await orphan.getByRole('link', { name: 'Choose its place in the article…' }).click();
  const bar = page.getByTestId('place-orphan');
  await expect(bar).toContainText('Placing the orphaned assertion “Iran hired four groups”');
  await expect(bar.getByRole('button', { name: 'Place here (select text first)' })).toBeDisabled();
  await expect(page.getByTestId('article-reader')).toHaveAttribute('data-highlights-ready', 'true');
  await selectWithMouse(page, 'a new report');
  await bar.getByRole('button', { name: 'Place here: “a new report”' }).click();
  await expect(page.getByTestId('reader-status')).toHaveText('Span placed: its links, claim and history stay with it; it is pending review.');
  await expect(page.getByTestId('article-text').locator(`[data-annotation-id="${span.id}"]`).first()).toHaveText('a new report');
  expect(await testDb().annotation.findUniqueOrThrow({ where: { id: span.id } })).toMatchObject({ orphaned: false, exact: 'a new report', status: 'PENDING' });
});
