import { test, expect, request as newRequest, type APIRequestContext } from '@playwright/test';
import { cpRange, makeTeam, makeToken, signIn, testDb } from './fixtures';

const TEXT = 'PM Edi Rama 🇦🇱 said: “Iran 👩‍💻 orchestrated it.” Tehran\r\ndenied it. Cafe\u0301 talk.';
const CANON = TEXT.replace(/\r\n/g, '\n').normalize('NFC');

async function clientFor(baseURL: string, token: string): Promise<APIRequestContext> {
  return newRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}

test.describe('REST API /api/v1', () => {
  test('refuses anonymous callers with 401 and the error shape', async ({ request }) => {
    const res = await request.get('/api/v1/projects');
    expect(res.status()).toBe(401);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(typeof body.error.message).toBe('string');
    const bad = await request.get('/api/v1/projects', { headers: { authorization: 'Bearer cc_not-a-real-token' } });
    expect(bad.status()).toBe(401);
  });

  test('tags, edits and deletes a span with code-point offsets; other projects get 404', async ({ baseURL }) => {
    const team = await makeTeam(TEXT);
    const api = await clientFor(baseURL!, await makeToken(team.analyst.id));

    const projects = (await (await api.get('/api/v1/projects')).json()).projects;
    expect(projects.map((p: { id: string }) => p.id)).toEqual([team.project.id]);
    const articles = (await (await api.get(`/api/v1/projects/${team.project.id}/articles`)).json()).articles;
    expect(articles).toHaveLength(1);
    expect(articles[0]).not.toHaveProperty('text');

    const article = (await (await api.get(`/api/v1/articles/${team.article.id}`)).json()).article;
    expect(article.text).toBe(CANON);
    expect(article.length).toBe(Array.from(CANON).length);

    const range = cpRange(CANON, 'Iran 👩‍💻 orchestrated it.');
    const created = await api.post(`/api/v1/articles/${team.article.id}/annotations`, {
      data: { ...range, label: 'assertion', speaker: 'Edi Rama', note: 'attribution' },
    });
    expect(created.status()).toBe(201);
    const span = await created.json();
    expect(span).toMatchObject({ ...range, label: 'assertion', exact: 'Iran 👩‍💻 orchestrated it.', status: 'pending', version: 1, speaker: 'Edi Rama' });
    expect(span.prefix.endsWith('said: “')).toBe(true);
    expect(span.textHash).toBe(article.textHash);

    const cafe = cpRange(CANON, 'Café talk');
    const denial = await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cafe, label: 'denial' } });
    expect((await denial.json()).exact).toBe('Café talk');

    const patched = await api.patch(`/api/v1/annotations/${span.id}`, { data: { label: 'evidence', version: 1 } });
    expect(patched.status()).toBe(200);
    expect(await patched.json()).toMatchObject({ label: 'evidence', version: 2 });
    const stale = await api.patch(`/api/v1/annotations/${span.id}`, { data: { label: 'denial', version: 1 } });
    expect(stale.status()).toBe(409);
    expect((await stale.json()).error.fields).toHaveProperty('version');

    const outsider = await clientFor(baseURL!, await makeToken(team.outsider.id));
    expect((await outsider.get(`/api/v1/articles/${team.article.id}`)).status()).toBe(404);
    expect((await outsider.get(`/api/v1/projects/${team.project.id}/articles`)).status()).toBe(404);
    expect((await outsider.patch(`/api/v1/annotations/${span.id}`, { data: { note: 'x', version: 2 } })).status()).toBe(404);
    expect((await outsider.delete(`/api/v1/annotations/${span.id}`)).status()).toBe(404);
    const intoOther = await api.post(`/api/v1/articles/${team.otherArticle.id}/annotations`, { data: { start: 0, end: 5, label: 'assertion' } });
    expect(intoOther.status()).toBe(404);

    expect((await api.delete(`/api/v1/annotations/${span.id}`)).status()).toBe(204);
    expect((await api.delete(`/api/v1/annotations/${span.id}`)).status()).toBe(404);
    expect(await testDb().annotation.count({ where: { articleId: team.otherArticle.id } })).toBe(0);
  });

  test('bad input gets a 4xx naming the field, and nothing is stored', async ({ baseURL }) => {
    const team = await makeTeam(TEXT);
    const api = await clientFor(baseURL!, await makeToken(team.analyst.id));
    const url = `/api/v1/articles/${team.article.id}/annotations`;
    const cases: [unknown, number, string][] = [
      [{ start: 0, end: 10_000, label: 'assertion' }, 400, 'end'],
      [{ start: 5, end: 5, label: 'assertion' }, 400, 'end'],
      [{ start: 9, end: 3, label: 'assertion' }, 400, 'end'],
      [{ start: -1, end: 3, label: 'assertion' }, 400, 'start'],
      [{ start: 0, end: 3, label: 'opinion' }, 400, 'label'],
      [{ start: 0, end: 3, label: 'assertion', colour: 'red' }, 400, 'colour'],
      [{ start: '0', end: 3, label: 'assertion' }, 400, 'start'],
    ];
    for (const [data, status, field] of cases) {
      const res = await api.post(url, { data });
      expect(res.status(), JSON.stringify(data)).toBe(status);
      const body = await res.json();
      expect(Object.keys(body.error.fields ?? {}).join(' '), JSON.stringify(data)).toContain(field);
    }
    const notJson = await api.post(url, { data: '{"start": 0,', headers: { 'content-type': 'application/json' } });
    expect(notJson.status()).toBe(400);
    const wrongType = await api.post(url, { data: 'start=0', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status()).toBe(415);
    expect(await testDb().annotation.count({ where: { articleId: team.article.id } })).toBe(0);
  });

  test('reviewers cannot tag (403); a revoked token gets 401 at once', async ({ baseURL }) => {
    const team = await makeTeam(TEXT);
    const reviewerToken = await makeToken(team.reviewer.id);
    const reviewer = await clientFor(baseURL!, reviewerToken);
    const res = await reviewer.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { start: 0, end: 2, label: 'assertion' } });
    expect(res.status()).toBe(403);
    expect((await reviewer.get(`/api/v1/articles/${team.article.id}`)).status()).toBe(200);
    await testDb().apiToken.updateMany({ where: { userId: team.reviewer.id }, data: { revokedAt: new Date() } });
    expect((await reviewer.get(`/api/v1/articles/${team.article.id}`)).status()).toBe(401);
  });

  test('x-middleware-subrequest changes nothing', async ({ request }) => {
    const team = await makeTeam(TEXT);
    for (const value of ['1', 'middleware', 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware']) {
      const res = await request.get(`/api/v1/articles/${team.article.id}`, { headers: { 'x-middleware-subrequest': value } });
      expect(res.status()).toBe(401);
    }
  });

  test('a cookie-authenticated write from a foreign or null Origin is refused', async ({ page }) => {
    const team = await makeTeam(TEXT);
    await signIn(page, team.analyst.email);
    const url = `/api/v1/articles/${team.article.id}/annotations`;
    for (const origin of ['https://evil.example', 'null']) {
      const res = await page.request.post(url, { data: { start: 0, end: 2, label: 'assertion' }, headers: { origin } });
      expect(res.status()).toBe(403);
    }
    expect(await testDb().annotation.count({ where: { articleId: team.article.id } })).toBe(0);
    const own = new URL(page.url()).origin;
    const ok = await page.request.post(url, { data: { start: 0, end: 2, label: 'assertion' }, headers: { origin: own } });
    expect(ok.status()).toBe(201);
  });

  test('serves an OpenAPI 3.1 document describing the routes', async ({ request }) => {
    const res = await request.get('/api/v1/openapi.json');
    expect(res.status()).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/projects', '/api/v1/articles/{articleId}/annotations', '/api/v1/annotations/{annotationId}']),
    );
    const create = doc.components.schemas.CreateAnnotation;
    expect(create.required).toEqual(expect.arrayContaining(['start', 'end', 'label']));
    expect(create.additionalProperties).toBe(false);
  });
});

test('signing out invalidates the session cookie even if replayed', async ({ page, context }) => {
  const team = await makeTeam(TEXT);
  await signIn(page, team.analyst.email);
  const cookies = await context.cookies();
  expect((await page.request.get('/api/v1/projects')).status()).toBe(200);
  const session = cookies.find((c) => c.name.includes('session-token'));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await context.addCookies(cookies);
  expect((await page.request.get('/api/v1/projects')).status()).toBe(401);
});

test('exports the project over the API as W3C JSON-LD, JSONL and CSV, streamed', async ({ baseURL }) => {
  const team = await makeTeam(TEXT);
  const api = await clientFor(baseURL!, await makeToken(team.analyst.id));
  const range = cpRange(CANON, 'Iran 👩‍💻 orchestrated it.');
  const created = await (await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...range, label: 'assertion' } })).json();

  const w3c = await api.get(`/api/v1/projects/${team.project.id}/export?format=w3c&status=all`);
  expect(w3c.status()).toBe(200);
  expect(w3c.headers()['content-type']).toContain('application/ld+json');
  expect(w3c.headers()['content-disposition']).toContain('attachment');
  const doc = await w3c.json();
  expect(doc.type).toBe('AnnotationCollection');
  expect(doc.first.items[0].target.selector).toEqual(
    expect.arrayContaining([expect.objectContaining({ type: 'TextPositionSelector', start: range.start, end: range.end })]),
  );
  // Approved only by default: nothing is approved yet.
  expect((await (await api.get(`/api/v1/projects/${team.project.id}/export?format=w3c`)).json()).total).toBe(0);

  const jsonl = await api.get(`/api/v1/projects/${team.project.id}/export?format=jsonl&status=all`);
  const line = JSON.parse((await jsonl.text()).trim());
  expect(line.entities[0]).toMatchObject({ id: created.id, start_offset: range.start, end_offset: range.end });

  expect((await api.get(`/api/v1/projects/${team.project.id}/export?format=pdf`)).status()).toBe(400);
  expect((await api.get(`/api/v1/projects/${team.project.id}/export?format=csv&colour=red`)).status()).toBe(400);
  const outsider = await clientFor(baseURL!, await makeToken(team.outsider.id));
  expect((await outsider.get(`/api/v1/projects/${team.project.id}/export?format=csv`)).status()).toBe(404);
});

test('imports uploaded files over the API, each all or nothing, idempotently', async ({ baseURL }) => {
  const team = await makeTeam(TEXT);
  const api = await clientFor(baseURL!, await makeToken(team.analyst.id));
  const good = { name: 'good.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ title: 'Imported', outlet: 'RFE/RL', text: 'Albania expelled Iranian diplomats.' }) + '\n') };
  const bad = { name: 'bad.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from('{"title": "no text"}\n') };
  const form = new FormData();
  for (const f of [good, bad]) form.append('file', new Blob([f.buffer], { type: f.mimeType }), f.name);
  const res = await api.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: form });
  expect(res.status()).toBe(207);
  const { results } = await res.json();
  expect(results[0]).toMatchObject({ file: 'good.jsonl', added: 1 });
  expect(results[1].error).toMatch(/bad\.jsonl, line 1: field "text"/);
  const again = await api.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: good } });
  expect((await again.json()).results[0]).toMatchObject({ added: 0, unchanged: 1 });
  const reviewer = await clientFor(baseURL!, await makeToken(team.reviewer.id));
  expect((await reviewer.post(`/api/v1/projects/${team.project.id}/imports`, { multipart: { file: good } })).status()).toBe(403);
});

test('brat export downloads as a zip with a .txt and an .ann per article', async ({ baseURL }) => {
  const { unzipSync, strFromU8 } = await import('fflate');
  const team = await makeTeam(TEXT);
  const api = await clientFor(baseURL!, await makeToken(team.analyst.id));
  const range = cpRange(CANON, 'Iran 👩‍💻 orchestrated it.');
  await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...range, label: 'assertion' } });
  const res = await api.get(`/api/v1/projects/${team.project.id}/export?format=brat&status=all`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/zip');
  const files = unzipSync(new Uint8Array(await res.body()));
  const names = Object.keys(files);
  expect(names).toContain('annotation.conf');
  const ann = names.find((n) => n.endsWith('.ann'))!;
  expect(strFromU8(files[ann.replace(/\.ann$/, '.txt')])).toBe(CANON);
  expect(strFromU8(files[ann])).toContain(`Assertion ${range.start} ${range.end}\tIran 👩‍💻 orchestrated it.`);
});
