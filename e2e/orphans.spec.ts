import { test, expect, request as playwrightRequest } from '@playwright/test';
import { cpRange, makeTeam, makeToken, signIn, testDb } from './fixtures';

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
