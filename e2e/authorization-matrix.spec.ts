import { test, expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { makeTeam, makeToken, testDb } from './fixtures';

// Every documented route × every kind of caller. Each row builds its own
// objects (a span, a link, a claim authored by the second analyst), so
// destructive calls never affect another row. Other projects answer 404.
type Role = 'anonymous' | 'outsider' | 'analyst' | 'reviewer' | 'admin';
const ROLES: Role[] = ['anonymous', 'outsider', 'analyst', 'reviewer', 'admin'];
const TEXT = 'Albania cut ties with Iran. Tehran denied the accusation.';

type Ids = { projectId: string; articleId: string; spanId: string; linkId: string; claimId: string; otherSpanId: string; spanAuthorId: string };
type Call = (api: APIRequestContext, ids: Ids) => Promise<{ status(): number }>;
type Row = { name: string; call: Call; expect: Record<Role, number | number[]> };

const member = (status: number | number[]) => ({ analyst: status, reviewer: status, admin: status });
const read = (status = 200) => ({ anonymous: 401, outsider: 404, ...member(status) });
const json = (data: unknown) => ({ data });

const ROWS: Row[] = [
  { name: 'GET /projects', call: (a) => a.get('/api/v1/projects'), expect: { anonymous: 401, outsider: 200, ...member(200) } },
  // Anyone signed in may start a project of their own.
  { name: 'POST /projects', call: (a) => a.post('/api/v1/projects', json({ name: `Matrix project ${Math.random()}` })), expect: { anonymous: 401, outsider: 201, ...member(201) } },
  { name: 'GET /projects/{id}/articles', call: (a, i) => a.get(`/api/v1/projects/${i.projectId}/articles`), expect: read() },
  { name: 'GET /projects/{id}/claims', call: (a, i) => a.get(`/api/v1/projects/${i.projectId}/claims`), expect: read() },
  { name: 'GET /projects/{id}/matrix', call: (a, i) => a.get(`/api/v1/projects/${i.projectId}/matrix`), expect: read() },
  { name: 'GET /projects/{id}/search', call: (a, i) => a.get(`/api/v1/projects/${i.projectId}/search?q=Iran`), expect: read() },
  { name: 'GET /projects/{id}/activity', call: (a, i) => a.get(`/api/v1/projects/${i.projectId}/activity`), expect: read() },
  { name: 'GET /projects/{id}/export', call: (a, i) => a.get(`/api/v1/projects/${i.projectId}/export?format=csv`), expect: read() },
  { name: 'GET /projects/{id}/orphans', call: (a, i) => a.get(`/api/v1/projects/${i.projectId}/orphans`), expect: read() },
  { name: 'GET /projects/{id}/review-queue', call: (a, i) => a.get(`/api/v1/projects/${i.projectId}/review-queue`), expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 200, admin: 200 } },
  { name: 'GET /projects/{id}/agreement', call: (a, i) => a.get(`/api/v1/projects/${i.projectId}/agreement`), expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 200, admin: 200 } },
  {
    name: 'POST /projects/{id}/imports',
    call: (a, i) => a.post(`/api/v1/projects/${i.projectId}/imports`, { multipart: { file: { name: 'a.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ title: 't', text: `text ${Math.random()}` }) + '\n') } } }),
    expect: { anonymous: 401, outsider: 404, analyst: 200, reviewer: 403, admin: 200 },
  },
  { name: 'GET /projects/{id}/members', call: (a, i) => a.get(`/api/v1/projects/${i.projectId}/members`), expect: read() },
  {
    // No account has this email: the admin, allowed, is told so; everyone else is refused first.
    name: 'POST /projects/{id}/members',
    call: (a, i) => a.post(`/api/v1/projects/${i.projectId}/members`, json({ email: 'nobody@nowhere.example', roles: ['reviewer'] })),
    expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 403, admin: 404 },
  },
  {
    name: 'PUT /projects/{id}/members/{id} (roles unchanged)',
    call: (a, i) => a.put(`/api/v1/projects/${i.projectId}/members/${i.spanAuthorId}`, json({ roles: ['analyst'] })),
    expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 403, admin: 200 },
  },
  {
    name: 'PATCH /projects/{id}',
    call: (a, i) => a.patch(`/api/v1/projects/${i.projectId}`, json({ independentAnnotation: false })),
    expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 403, admin: 200 },
  },
  { name: 'GET /articles/{id}/comparison', call: (a, i) => a.get(`/api/v1/articles/${i.articleId}/comparison`), expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 200, admin: 200 } },
  { name: 'POST /articles/{id}/comparison', call: (a, i) => a.post(`/api/v1/articles/${i.articleId}/comparison`), expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 200, admin: 200 } },
  {
    name: 'POST /articles/{id}/comparison/decisions',
    call: (a, i) => a.post(`/api/v1/articles/${i.articleId}/comparison/decisions`, json({ analystA: i.spanAuthorId, analystB: 'another-analyst', a: { id: i.spanId, version: 1 }, accept: 'a' })),
    expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 200, admin: 200 },
  },
  { name: 'GET /articles/{id}', call: (a, i) => a.get(`/api/v1/articles/${i.articleId}`), expect: read() },
  { name: 'GET /articles/{id}/annotations', call: (a, i) => a.get(`/api/v1/articles/${i.articleId}/annotations`), expect: read() },
  { name: 'GET /articles/{id}/revisions', call: (a, i) => a.get(`/api/v1/articles/${i.articleId}/revisions`), expect: read() },
  {
    name: 'POST /articles/{id}/annotations',
    call: (a, i) => a.post(`/api/v1/articles/${i.articleId}/annotations`, json({ start: 0, end: 7, label: 'assertion' })),
    expect: { anonymous: 401, outsider: 404, analyst: 201, reviewer: 403, admin: 201 },
  },
  {
    name: 'PATCH /annotations/{id} (someone else’s)',
    call: (a, i) => a.patch(`/api/v1/annotations/${i.spanId}`, json({ note: 'x', version: 1 })),
    expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 403, admin: 200 },
  },
  {
    // Not an orphan: the admin, allowed, is told so (409); everyone else is refused before the state is read.
    name: 'POST /annotations/{id}/place (someone else’s)',
    call: (a, i) => a.post(`/api/v1/annotations/${i.spanId}/place`, json({ start: 0, end: 7, version: 1 })),
    expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 403, admin: 409 },
  },
  { name: 'DELETE /annotations/{id} (someone else’s)', call: (a, i) => a.delete(`/api/v1/annotations/${i.spanId}`), expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 403, admin: 204 } },
  {
    name: 'POST /annotations/{id}/review',
    call: (a, i) => a.post(`/api/v1/annotations/${i.spanId}/review`, json({ decision: 'approve', version: 1 })),
    expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 200, admin: 200 },
  },
  { name: 'GET /annotations/{id}/history', call: (a, i) => a.get(`/api/v1/annotations/${i.spanId}/history`), expect: read() },
  { name: 'GET /annotations/{id}/links', call: (a, i) => a.get(`/api/v1/annotations/${i.spanId}/links`), expect: read() },
  { name: 'GET /annotations/{id}/suggestions', call: (a, i) => a.get(`/api/v1/annotations/${i.spanId}/suggestions`), expect: read() },
  {
    name: 'POST /annotations/{id}/suggestions/dismissals',
    call: (a, i) => a.post(`/api/v1/annotations/${i.spanId}/suggestions/dismissals`, json({ sentenceId: 'no-such-sentence' })),
    expect: { anonymous: 401, outsider: 404, analyst: 404, reviewer: [403, 404], admin: 404 },
  },
  { name: 'GET /links?projectId=', call: (a, i) => a.get(`/api/v1/links?projectId=${i.projectId}`), expect: read() },
  {
    name: 'POST /links',
    call: (a, i) => a.post('/api/v1/links', json({ fromAnnotationId: i.otherSpanId, toAnnotationId: i.spanId, kind: 'corroborates' })),
    expect: { anonymous: 401, outsider: 404, analyst: [201, 409], reviewer: 403, admin: [201, 409] },
  },
  { name: 'DELETE /links/{id} (someone else’s)', call: (a, i) => a.delete(`/api/v1/links/${i.linkId}`), expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 403, admin: 204 } },
  {
    name: 'POST /links/{id}/review',
    call: (a, i) => a.post(`/api/v1/links/${i.linkId}/review`, json({ decision: 'reject', comment: 'no', version: 1 })),
    expect: { anonymous: 401, outsider: 404, analyst: 403, reviewer: 200, admin: 200 },
  },
  {
    name: 'POST /claims',
    call: (a, i) => a.post('/api/v1/claims', json({ projectId: i.projectId, text: 'A claim' })),
    expect: { anonymous: 401, outsider: 404, analyst: 201, reviewer: 403, admin: 201 },
  },
  { name: 'GET /claims/{id}', call: (a, i) => a.get(`/api/v1/claims/${i.claimId}`), expect: read() },
  {
    name: 'PATCH /claims/{id}',
    call: (a, i) => a.patch(`/api/v1/claims/${i.claimId}`, json({ text: 'Reworded', version: 1 })),
    expect: { anonymous: 401, outsider: 404, analyst: 200, reviewer: 403, admin: 200 },
  },
  {
    name: 'POST /claims/{id}/annotations',
    call: (a, i) => a.post(`/api/v1/claims/${i.claimId}/annotations`, json({ annotationId: i.otherSpanId })),
    expect: { anonymous: 401, outsider: 404, analyst: 201, reviewer: 403, admin: 201 },
  },
  { name: 'GET /claims/{id}/history', call: (a, i) => a.get(`/api/v1/claims/${i.claimId}/history`), expect: read() },
  { name: 'GET /links/{id}/history', call: (a, i) => a.get(`/api/v1/links/${i.linkId}/history`), expect: read() },
  {
    name: 'DELETE /claims/{id}',
    call: (a, i) => a.delete(`/api/v1/claims/${i.claimId}?version=1`),
    expect: { anonymous: 401, outsider: 404, analyst: 204, reviewer: 403, admin: 204 },
  },
  {
    name: 'DELETE /claims/{id}/annotations/{spanId}',
    call: (a, i) => a.delete(`/api/v1/claims/${i.claimId}/annotations/${i.spanId}`),
    expect: { anonymous: 401, outsider: 404, analyst: 204, reviewer: 403, admin: 204 },
  },
];

async function freshObjects(team: Awaited<ReturnType<typeof makeTeam>>): Promise<Ids> {
  const db = testDb();
  const span = (start: number, end: number) =>
    db.annotation.create({
      data: { articleId: team.article.id, authorId: team.analyst2.id, label: 'ASSERTION', start, end, exact: Array.from(TEXT).slice(start, end).join(''), prefix: '', suffix: '', textHash: team.article.textHash },
      select: { id: true },
    });
  const a = await span(0, 7);
  const b = await span(28, 34);
  const c = await span(35, 41);
  const link = await db.link.create({ data: { projectId: team.project.id, fromAnnotationId: b.id, toAnnotationId: a.id, kind: 'CONTRADICTS', authorId: team.analyst2.id }, select: { id: true } });
  const claim = await db.claim.create({ data: { projectId: team.project.id, text: 'Iran did it', authorId: team.analyst2.id, spans: { connect: [{ id: a.id }] } }, select: { id: true } });
  return { projectId: team.project.id, articleId: team.article.id, spanId: a.id, linkId: link.id, claimId: claim.id, otherSpanId: c.id, spanAuthorId: team.analyst2.id };
}

test('authorization matrix: every documented route × anonymous, other project, analyst, reviewer, admin', async ({ baseURL, request }) => {
  test.setTimeout(120_000);
  const team = await makeTeam(TEXT);
  const doc = await (await request.get('/api/v1/openapi.json')).json();
  const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
  // Every documented route is in the matrix (the SSE stream is checked for callers who get no stream).
  const covered = ROWS.map((r) => r.name.split(' (')[0].replace(/\?.*$/, ''));
  const missing = documented.filter((d) => {
    const [method, p] = d.split(' ');
    const short = p.replace('/api/v1', '').replace(/\{[^}]+\}/g, '{id}').replace('{id}/annotations/{id}', '{id}/annotations/{spanId}');
    return !covered.includes(`${method} ${short}`) && !['GET /articles/{id}/events', 'GET /articles/{id}/revisions/{id}'].includes(`${method} ${short}`);
  });
  expect(missing).toEqual([]);

  const contexts: Record<Role, APIRequestContext> = {
    anonymous: await playwrightRequest.newContext({ baseURL }),
    outsider: await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.outsider.id)}` } }),
    analyst: await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } }),
    reviewer: await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.reviewer.id)}` } }),
    admin: await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.admin.id)}` } }),
  };
  const wrong: string[] = [];
  for (const row of ROWS) {
    for (const role of ROLES) {
      const ids = await freshObjects(team);
      const status = (await row.call(contexts[role], ids)).status();
      const want = row.expect[role];
      const ok = Array.isArray(want) ? want.includes(status) : status === want;
      if (!ok) wrong.push(`${row.name} as ${role}: got ${status}, want ${JSON.stringify(want)}`);
    }
  }
  // The event stream: callers without access get an answer at once, no stream.
  expect((await contexts.anonymous.get(`/api/v1/articles/${team.article.id}/events`)).status()).toBe(401);
  expect((await contexts.outsider.get(`/api/v1/articles/${team.article.id}/events`)).status()).toBe(404);
  expect(wrong).toEqual([]);
});
