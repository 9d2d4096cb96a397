import { describe, expect, it, vi } from 'vitest';

// Route handlers run as in Next, with the caller set by the test (test/stub-caller.ts).
vi.mock('@/lib/auth/caller', () => import('../stub-caller'));
import { auth } from '../stub-caller';

import * as links from '@/app/api/v1/links/route';
import * as link from '@/app/api/v1/links/[linkId]/route';
import * as annotation from '@/app/api/v1/annotations/[annotationId]/route';
import * as spanLinks from '@/app/api/v1/annotations/[annotationId]/links/route';
import * as suggestions from '@/app/api/v1/annotations/[annotationId]/suggestions/route';
import * as dismissals from '@/app/api/v1/annotations/[annotationId]/suggestions/dismissals/route';
import * as claims from '@/app/api/v1/claims/route';
import * as claim from '@/app/api/v1/claims/[claimId]/route';
import * as claimSpans from '@/app/api/v1/claims/[claimId]/annotations/route';
import * as claimSpan from '@/app/api/v1/claims/[claimId]/annotations/[annotationId]/route';
import * as claimHistory from '@/app/api/v1/claims/[claimId]/history/route';
import * as linkHistory from '@/app/api/v1/links/[linkId]/history/route';
import * as projectClaims from '@/app/api/v1/projects/[projectId]/claims/route';
import * as matrix from '@/app/api/v1/projects/[projectId]/matrix/route';
import * as search from '@/app/api/v1/projects/[projectId]/search/route';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { as } from '../app-error';
import { makeArticle, makeTeam } from '../factories';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, method: string, path: string, params: Record<string, string> = {}, body?: unknown) {
  const req = new Request(`http://localhost${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const json = res.status === 204 ? null : await res.json();
  return { status: res.status, json, headers: res.headers };
}

async function setup() {
  const team = await makeTeam('Edi Rama said Iran orchestrated the cyberattack on Albania.');
  const other = await makeArticle(team.project.id, { text: 'Tehran denied that Iran orchestrated any cyberattack.', outlet: 'Tehran Times' });
  const x = await createAnnotation(as(team.analyst), team.article.id, { start: 14, end: 47, label: 'assertion' });
  const y = await createAnnotation(as(team.analyst), other.id, { start: 0, end: 13, label: 'denial' });
  auth.caller = as(team.analyst);
  return { team, x, y };
}

describe('links API', () => {
  it('creates (201), lists, refuses duplicates (409), and deleting a span reports X-Links-Removed', async () => {
    const { team, x, y } = await setup();
    const made = await call(links.POST, 'POST', '/api/v1/links', {}, { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'contradicts' });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ kind: 'contradicts', status: 'pending', from: { id: x.id }, to: { id: y.id } });
    const again = await call(links.POST, 'POST', '/api/v1/links', {}, { fromAnnotationId: y.id, toAnnotationId: x.id, kind: 'corroborates' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('CONFLICT');
    const self = await call(links.POST, 'POST', '/api/v1/links', {}, { fromAnnotationId: x.id, toAnnotationId: x.id, kind: 'corroborates' });
    expect(self.status).toBe(400);
    const extra = await call(links.POST, 'POST', '/api/v1/links', {}, { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'corroborates', note: 'x' });
    expect(extra.status).toBe(400);

    expect((await call(links.GET, 'GET', `/api/v1/links?projectId=${team.project.id}`)).json.links).toHaveLength(1);
    expect((await call(spanLinks.GET, 'GET', `/api/v1/annotations/${y.id}/links`, { annotationId: y.id })).json.links).toHaveLength(1);
    expect((await call(links.GET, 'GET', '/api/v1/links')).status).toBe(400);
    expect((await call(links.GET, 'GET', `/api/v1/links?projectId=${team.project.id}&annotationId=${x.id}`)).status).toBe(400);
    expect((await call(links.GET, 'GET', `/api/v1/links?projectId=${team.project.id}&page=2`)).status).toBe(400);

    const removed = await call(annotation.DELETE, 'DELETE', `/api/v1/annotations/${x.id}`, { annotationId: x.id });
    expect(removed.status).toBe(204);
    expect(removed.headers.get('X-Links-Removed')).toBe('1');
    expect((await call(links.GET, 'GET', `/api/v1/links?projectId=${team.project.id}`)).json.links).toEqual([]);
  });

  it('answers 404 for another project and 401 without a caller', async () => {
    const { team, x, y } = await setup();
    const made = await call(links.POST, 'POST', '/api/v1/links', {}, { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'contradicts' });
    auth.caller = as(team.outsider);
    expect((await call(link.DELETE, 'DELETE', `/api/v1/links/${made.json.id}`, { linkId: made.json.id })).status).toBe(404);
    expect((await call(links.GET, 'GET', `/api/v1/links?annotationId=${x.id}`)).status).toBe(404);
    auth.caller = null;
    expect((await call(links.GET, 'GET', `/api/v1/links?annotationId=${x.id}`)).status).toBe(401);
    auth.caller = as(team.analyst);
    expect((await call(link.DELETE, 'DELETE', `/api/v1/links/${made.json.id}`, { linkId: made.json.id })).status).toBe(204);
  });
});

describe('claims API', () => {
  it('creates from a span, renames with versions, attaches and detaches, lists, and shows the matrix', async () => {
    const { team, x, y } = await setup();
    const made = await call(claims.POST, 'POST', '/api/v1/claims', {}, { projectId: team.project.id, annotationId: x.id });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ text: 'Iran orchestrated the cyberattack', version: 1, spanCount: 1 });
    const id = made.json.id as string;
    expect((await call(claims.POST, 'POST', '/api/v1/claims', {}, { projectId: team.project.id })).status).toBe(400);

    const renamed = await call(claim.PATCH, 'PATCH', `/api/v1/claims/${id}`, { claimId: id }, { text: 'Iran was behind the cyberattack', version: 1 });
    expect(renamed.json).toMatchObject({ text: 'Iran was behind the cyberattack', version: 2 });
    expect((await call(claim.PATCH, 'PATCH', `/api/v1/claims/${id}`, { claimId: id }, { text: 'Stale', version: 1 })).status).toBe(409);

    const attached = await call(claimSpans.POST, 'POST', `/api/v1/claims/${id}/annotations`, { claimId: id }, { annotationId: y.id });
    expect(attached.status).toBe(201);
    expect(attached.json).toMatchObject({ spanCount: 2, outletCount: 2 });
    const detail = await call(claim.GET, 'GET', `/api/v1/claims/${id}`, { claimId: id });
    expect(detail.json.groups.map((g: { outlet: string }) => g.outlet)).toEqual(['Tehran Times', 'Test Outlet']);

    const grid = await call(matrix.GET, 'GET', `/api/v1/projects/${team.project.id}/matrix?label=denial&status=&sort=text`, { projectId: team.project.id });
    expect(grid.status).toBe(200);
    expect(grid.json.claims[0].cells['Tehran Times'].denial.count).toBe(1);
    expect((await call(matrix.GET, 'GET', `/api/v1/projects/${team.project.id}/matrix?label=rumour`, { projectId: team.project.id })).status).toBe(400);

    const detached = await call(claimSpan.DELETE, 'DELETE', `/api/v1/claims/${id}/annotations/${y.id}`, { claimId: id, annotationId: y.id });
    expect(detached.status).toBe(204);
    const listed = await call(projectClaims.GET, 'GET', `/api/v1/projects/${team.project.id}/claims`, { projectId: team.project.id });
    expect(listed.json.claims).toEqual([expect.objectContaining({ id, spanCount: 1 })]);

    const history = await call(claimHistory.GET, 'GET', `/api/v1/claims/${id}/history`, { claimId: id });
    expect(history.json.events.map((e: { action: string }) => e.action)).toEqual(['claim.create', 'claim.update', 'claim.attach', 'claim.detach']);
    expect((await call(claim.DELETE, 'DELETE', `/api/v1/claims/${id}`, { claimId: id })).status).toBe(400); // no version
    expect((await call(claim.DELETE, 'DELETE', `/api/v1/claims/${id}?version=1`, { claimId: id })).status).toBe(409);
    const deleted = await call(claim.DELETE, 'DELETE', `/api/v1/claims/${id}?version=2`, { claimId: id });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('X-Spans-Detached')).toBe('1');
    expect((await call(claim.GET, 'GET', `/api/v1/claims/${id}`, { claimId: id })).status).toBe(404);
    const after = await call(claimHistory.GET, 'GET', `/api/v1/claims/${id}/history`, { claimId: id });
    expect(after.json.events.at(-1)).toMatchObject({ action: 'claim.delete', objectType: 'claim', objectId: id });
  });

  it('shows a link’s history, also after it is deleted', async () => {
    const { team, x, y } = await setup();
    const made = await call(links.POST, 'POST', '/api/v1/links', {}, { fromAnnotationId: y.id, toAnnotationId: x.id, kind: 'contradicts' });
    const id = made.json.id as string;
    expect((await call(link.DELETE, 'DELETE', `/api/v1/links/${id}`, { linkId: id })).status).toBe(204);
    const history = await call(linkHistory.GET, 'GET', `/api/v1/links/${id}/history`, { linkId: id });
    expect(history.status).toBe(200);
    expect(history.json.events.map((e: { action: string }) => e.action)).toEqual(['link.create', 'link.delete']);
    auth.caller = as(team.outsider);
    expect((await call(linkHistory.GET, 'GET', `/api/v1/links/${id}/history`, { linkId: id })).status).toBe(404);
  });
});

describe('suggestions and search API', () => {
  it('returns a bare array of suggestions, remembers dismissals, and validates query strings', async () => {
    const { team, x } = await setup();
    const got = await call(suggestions.GET, 'GET', `/api/v1/annotations/${x.id}/suggestions?limit=5`, { annotationId: x.id });
    expect(got.status).toBe(200);
    expect(Array.isArray(got.json)).toBe(true);
    expect(got.json[0]).toMatchObject({ text: 'Tehran denied that Iran orchestrated any cyberattack.', start: 0 });
    expect(got.json[0]).toHaveProperty('score');
    expect((await call(suggestions.GET, 'GET', `/api/v1/annotations/${x.id}/suggestions?limit=11`, { annotationId: x.id })).status).toBe(400);
    expect((await call(suggestions.GET, 'GET', `/api/v1/annotations/${x.id}/suggestions?n=1`, { annotationId: x.id })).status).toBe(400);

    const sentenceId = got.json[0].sentenceId as string;
    const dismissed = await call(dismissals.POST, 'POST', `/api/v1/annotations/${x.id}/suggestions/dismissals`, { annotationId: x.id }, { sentenceId });
    expect(dismissed.status).toBe(201);
    const after = await call(suggestions.GET, 'GET', `/api/v1/annotations/${x.id}/suggestions`, { annotationId: x.id });
    expect(after.json.map((s: { sentenceId: string }) => s.sentenceId)).not.toContain(sentenceId);

    const found = await call(search.GET, 'GET', `/api/v1/projects/${team.project.id}/search?q=${encodeURIComponent('"orchestrated the cyberattack"')}`, { projectId: team.project.id });
    expect(found.status).toBe(200);
    expect(found.json.sentences.map((s: { text: string }) => s.text)).toContain('Edi Rama said Iran orchestrated the cyberattack on Albania.');
    expect(found.json.spans).toEqual([expect.objectContaining({ id: x.id, start: 14, end: 47 })]);
    expect((await call(search.GET, 'GET', `/api/v1/projects/${team.project.id}/search?q=`, { projectId: team.project.id })).status).toBe(400);
    expect((await call(search.GET, 'GET', `/api/v1/projects/${team.project.id}/search`, { projectId: team.project.id })).status).toBe(400);
  });
});
