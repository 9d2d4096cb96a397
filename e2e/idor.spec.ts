import { test, expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { cpRange, makeTeam, makeToken, testDb } from './fixtures';

const TEXT = 'Albania cut ties with Iran. Tehran denied the accusation. Microsoft found Iranian hackers.';

/**
 * A checksum of everything a write to the victims' projects could touch: rows
 * and versions. Scoped to those projects, because other tests run in parallel.
 */
async function checksum(projectIds: string[]) {
  const db = testDb();
  const inProjects = { in: projectIds };
  const [annotations, links, claims, articles, tokens, events] = await Promise.all([
    db.annotation.findMany({ where: { article: { projectId: inProjects } }, select: { id: true, version: true, status: true, label: true, note: true }, orderBy: { id: 'asc' } }),
    db.link.findMany({ where: { projectId: inProjects }, select: { id: true, version: true, status: true }, orderBy: { id: 'asc' } }),
    db.claim.findMany({ where: { projectId: inProjects }, select: { id: true, version: true, text: true }, orderBy: { id: 'asc' } }),
    db.article.count({ where: { projectId: inProjects } }),
    db.apiToken.findMany({ where: { user: { memberships: { some: { projectId: inProjects } } } }, select: { id: true, revokedAt: true }, orderBy: { id: 'asc' } }),
    db.auditEvent.count({ where: { projectId: inProjects } }),
  ]);
  return JSON.stringify({ annotations, links, claims, articles, tokens, events });
}

async function projectB(baseURL: string) {
  const team = await makeTeam(TEXT);
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await makeToken(team.analyst.id)}` } });
  const ids = { annotations: [] as string[], links: [] as string[], claims: [] as string[] };
  for (const needle of ['Albania cut ties with Iran', 'Tehran denied the accusation', 'Microsoft found Iranian hackers']) {
    ids.annotations.push((await (await api.post(`/api/v1/articles/${team.article.id}/annotations`, { data: { ...cpRange(TEXT, needle), label: 'assertion' } })).json()).id);
  }
  ids.links.push((await (await api.post('/api/v1/links', { data: { fromAnnotationId: ids.annotations[1], toAnnotationId: ids.annotations[0], kind: 'contradicts' } })).json()).id);
  ids.claims.push((await (await api.post('/api/v1/claims', { data: { projectId: team.project.id, annotationId: ids.annotations[0] } })).json()).id);
  return { team, ids };
}

test('IDOR: an analyst of project A gets 404 for every id of project B, and nothing changes', async ({ baseURL }) => {
  const b = await projectB(baseURL!);
  const b2 = await projectB(baseURL!);
  const attackerTeam = await makeTeam('Project A text.');
  const attacker: APIRequestContext = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${await makeToken(attackerTeam.analyst.id)}`, 'x-middleware-subrequest': 'middleware' },
  });
  const victims = [b.team.project.id, b2.team.project.id];
  const before = await checksum(victims);
  const attempts: [string, () => Promise<{ status(): number }>][] = [];
  for (const { team, ids } of [b, b2]) {
    const p = team.project.id;
    const a = team.article.id;
    attempts.push(
      [`GET article ${a}`, () => attacker.get(`/api/v1/articles/${a}`)],
      [`GET article spans`, () => attacker.get(`/api/v1/articles/${a}/annotations`)],
      [`POST span`, () => attacker.post(`/api/v1/articles/${a}/annotations`, { data: { start: 0, end: 5, label: 'assertion' } })],
      [`GET events`, () => attacker.get(`/api/v1/articles/${a}/events`)],
      [`GET articles`, () => attacker.get(`/api/v1/projects/${p}/articles`)],
      [`GET claims`, () => attacker.get(`/api/v1/projects/${p}/claims`)],
      [`GET matrix`, () => attacker.get(`/api/v1/projects/${p}/matrix`)],
      [`GET search`, () => attacker.get(`/api/v1/projects/${p}/search?q=Iran`)],
      [`GET export`, () => attacker.get(`/api/v1/projects/${p}/export?format=w3c&status=all`)],
      [`GET activity`, () => attacker.get(`/api/v1/projects/${p}/activity`)],
      [`GET agreement`, () => attacker.get(`/api/v1/projects/${p}/agreement`)],
      [`GET review-queue`, () => attacker.get(`/api/v1/projects/${p}/review-queue`)],
      [`POST imports`, () => attacker.post(`/api/v1/projects/${p}/imports`, { multipart: { file: { name: 'x.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from('{"title":"x","text":"y"}\n') } } })],
      [`POST claim in B`, () => attacker.post('/api/v1/claims', { data: { projectId: p, text: 'hijack' } })],
      [`GET links of B`, () => attacker.get(`/api/v1/links?projectId=${p}`)],
    );
    for (const id of ids.annotations) {
      attempts.push(
        [`PATCH span ${id}`, () => attacker.patch(`/api/v1/annotations/${id}`, { data: { note: 'pwned', version: 1 } })],
        [`DELETE span ${id}`, () => attacker.delete(`/api/v1/annotations/${id}`)],
        [`review span ${id}`, () => attacker.post(`/api/v1/annotations/${id}/review`, { data: { decision: 'approve', version: 1 } })],
        [`history ${id}`, () => attacker.get(`/api/v1/annotations/${id}/history`)],
        [`links of ${id}`, () => attacker.get(`/api/v1/annotations/${id}/links`)],
        [`suggestions ${id}`, () => attacker.get(`/api/v1/annotations/${id}/suggestions`)],
        [`link to ${id}`, () => attacker.post('/api/v1/links', { data: { fromAnnotationId: id, toAnnotationId: ids.annotations[0], kind: 'corroborates' } })],
      );
    }
    for (const id of ids.links) {
      attempts.push(
        [`DELETE link ${id}`, () => attacker.delete(`/api/v1/links/${id}`)],
        [`review link ${id}`, () => attacker.post(`/api/v1/links/${id}/review`, { data: { decision: 'approve', version: 1 } })],
      );
    }
    for (const id of ids.claims) {
      attempts.push(
        [`GET claim ${id}`, () => attacker.get(`/api/v1/claims/${id}`)],
        [`PATCH claim ${id}`, () => attacker.patch(`/api/v1/claims/${id}`, { data: { text: 'pwned', version: 1 } })],
        [`attach to claim ${id}`, () => attacker.post(`/api/v1/claims/${id}/annotations`, { data: { annotationId: ids.annotations[2] } })],
        [`detach from claim ${id}`, () => attacker.delete(`/api/v1/claims/${id}/annotations/${ids.annotations[0]}`)],
      );
    }
  }
  expect(attempts.length).toBeGreaterThanOrEqual(50);
  const leaks: string[] = [];
  for (const [name, attempt] of attempts) {
    const status = (await attempt()).status();
    // 404 (never reveal existence); a body-level 400 is fine where ids are only in the body.
    if (status !== 404 && !(status === 400 && name.startsWith('link to'))) leaks.push(`${name}: ${status}`);
  }
  expect(leaks).toEqual([]);
  expect(await checksum(victims)).toBe(before);
});
