import { describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/auth/caller', () => import('../stub-caller'));
import { auth } from '../stub-caller';

import * as exportRoute from '@/app/api/v1/projects/[projectId]/export/route';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { writeExport } from '@/lib/export/write-export';
import { exportQuery } from '@/lib/export/schema';
import { sql } from '@/lib/db/client';
import { as } from '../app-error';
import { makeArticle, makeTeam, testDb } from '../factories';

const get = (projectId: string, query: string) =>
  exportRoute.GET(new Request(`http://localhost/api/v1/projects/${projectId}/export?${query}`), { params: Promise.resolve({ projectId }) });

const exportEvents = (projectId: string) =>
  testDb().auditEvent.findMany({ where: { projectId, action: 'export' }, orderBy: { seq: 'asc' }, select: { actorId: true, objectType: true, objectId: true, after: true } });

/** `count` approved spans on the team's article, inserted in one statement. */
async function manySpans(team: Awaited<ReturnType<typeof makeTeam>>, count: number) {
  const article = await testDb().article.findUniqueOrThrow({ where: { id: team.article.id }, select: { id: true, text: true, textHash: true } });
  await testDb().annotation.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      articleId: article.id, authorId: team.analyst.id, label: 'ASSERTION' as const, start: i % 5, end: (i % 5) + 3,
      exact: Array.from(article.text).slice(i % 5, (i % 5) + 3).join(''), prefix: '', suffix: '', textHash: article.textHash, status: 'APPROVED' as const,
    })),
  });
}

describe('export through the API', () => {
  it('streams the export and records one audit event with its format, status and filters', async () => {
    const team = await makeTeam();
    await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 7, label: 'assertion' });
    auth.caller = as(team.reviewer);
    const res = await get(team.project.id, 'format=jsonl&status=all&label=assertion,denial');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    // Sent as written: Next's gzip would cost the server more CPU than the export itself.
    expect(res.headers.get('cache-control')).toContain('no-transform');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.entities.map((e: { text: string }) => e.text))).toEqual([['Albania']]);

    expect(await exportEvents(team.project.id)).toEqual([
      {
        actorId: team.reviewer.id, objectType: 'project', objectId: team.project.id,
        after: { format: 'jsonl', status: 'all', filters: { label: ['assertion', 'denial'] } },
      },
    ]);
  });

  it('records the command line as no actor, and nothing for a refused export', async () => {
    const team = await makeTeam();
    const { chunks } = await writeExport({ cli: true }, team.project.id, exportQuery.parse({ format: 'w3c' }), 'https://cc.example.org');
    for await (const _ of chunks) void _;
    auth.caller = as(team.outsider);
    expect((await get(team.project.id, 'format=w3c')).status).toBe(404);
    expect(await exportEvents(team.project.id)).toEqual([
      { actorId: null, objectType: 'project', objectId: team.project.id, after: { format: 'w3c', status: 'approved', filters: {} } },
    ]);
  });

  it('a download cancelled mid-way gives its database connection back', async () => {
    const team = await makeTeam();
    await manySpans(team, 2_000);
    auth.caller = as(team.admin);
    // More cancelled downloads than the pool has connections: if one kept its
    // connection, the later exports and the query after them would wait forever.
    for (let i = 0; i < 12; i++) {
      const res = await get(team.project.id, 'format=w3c');
      const reader = res.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
    }
    const [{ n }] = await sql<{ n: number }>`SELECT count(*)::int AS n FROM "Annotation" WHERE "articleId" = ${team.article.id}`;
    expect(n).toBe(2_000);
    const whole = await get(team.project.id, 'format=w3c');
    expect(JSON.parse(await whole.text()).first.items).toHaveLength(2_000);
  });

  it('outlet and article filters: only those articles, and links to spans outside the export are left out', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it.');
    const wire = await makeArticle(team.project.id, { text: 'Iran denied the attack.', outlet: 'Wire' });
    const blog = await makeArticle(team.project.id, { text: 'A blog said Iran did it.', outlet: 'Blog' });
    const caller = as(team.analyst);
    const a = await createAnnotation(caller, team.article.id, { start: 0, end: 7, label: 'assertion' });
    const w = await createAnnotation(caller, wire.id, { start: 0, end: 4, label: 'denial' });
    const b = await createAnnotation(caller, blog.id, { start: 12, end: 16, label: 'assertion' });
    for (const [from, to] of [[w, a], [w, b], [b, a]]) {
      await testDb().link.create({ data: { projectId: team.project.id, fromAnnotationId: from.id, toAnnotationId: to.id, kind: 'CONTRADICTS', authorId: team.analyst.id } });
    }
    auth.caller = as(team.reviewer);
    const jsonl = async (query: string) => (await (await get(team.project.id, `format=jsonl&status=all&${query}`)).text()).trim().split('\n').map((l) => JSON.parse(l));

    const byOutlet = await jsonl('outlet=Wire,Blog');
    expect(byOutlet.map((l) => l.id).sort()).toEqual([wire.id, blog.id].sort());
    const wireLine = byOutlet.find((l) => l.id === wire.id);
    // w → a is gone: a's article (outlet "Test Outlet") is not in the export.
    expect(wireLine.cross_relations.map((r: { to_id: string }) => r.to_id)).toEqual([b.id]);
    expect(byOutlet.find((l) => l.id === blog.id).cross_relations).toEqual([]);

    const byId = await jsonl(`articleId=${team.article.id},${blog.id}`);
    expect(byId.map((l) => l.id).sort()).toEqual([team.article.id, blog.id].sort());
    expect(byId.find((l) => l.id === blog.id).cross_relations.map((r: { to_id: string }) => r.to_id)).toEqual([a.id]);

    const w3c = JSON.parse(await (await get(team.project.id, 'format=w3c&status=all&outlet=Wire,Blog')).text());
    expect(w3c.total).toBe(3);
    expect(w3c.first.items).toHaveLength(3);
    // The collection's IRI states its filters and fetches the same collection; its page is a fragment of it.
    expect(w3c.label).toBe(`${team.project.name} (all; outlets Wire, Blog)`);
    expect(w3c.id).toBe(`http://localhost/api/v1/projects/${team.project.id}/export?format=w3c&status=all&outlet=Wire&outlet=Blog`);
    expect([w3c.first.id, w3c.last]).toEqual([`${w3c.id}#page-1`, `${w3c.id}#page-1`]);
    const again = JSON.parse(await (await get(team.project.id, new URL(w3c.id).search.slice(1))).text());
    expect(again.first.items.map((i: { id: string }) => i.id)).toEqual(w3c.first.items.map((i: { id: string }) => i.id));
  });

  it('filters given as repeated keys (what the export form sends) take each value whole, commas included', async () => {
    const team = await makeTeam('Albania cut ties with Iran.');
    const inc = await makeArticle(team.project.id, { text: 'Reuters reported the attack.', outlet: 'Reuters, Inc.' });
    const wire = await makeArticle(team.project.id, { text: 'Iran denied the attack.', outlet: 'Wire' });
    const caller = as(team.analyst);
    await createAnnotation(caller, inc.id, { start: 0, end: 7, label: 'assertion' });
    await createAnnotation(caller, wire.id, { start: 0, end: 4, label: 'denial' });
    await createAnnotation(caller, wire.id, { start: 5, end: 11, label: 'evidence' });
    auth.caller = as(team.reviewer);
    const ids = async (query: string) => {
      const res = await get(team.project.id, `format=jsonl&status=all&${query}`);
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; entities: { label: string }[] });
    };
    // The form's hidden empty value makes the key repeated even with one box ticked.
    expect((await ids('outlet=&outlet=Reuters%2C+Inc.')).map((l) => l.id)).toEqual([inc.id]);
    expect((await ids('outlet=Reuters%2C+Inc.&outlet=Wire')).map((l) => l.id).sort()).toEqual([inc.id, wire.id].sort());
    // Nothing ticked: no filter.
    expect(await ids('outlet=')).toHaveLength(3);
    // Articles without an outlet (FNC-1's bodies) go by the claims matrix's name for them.
    const bare = await makeArticle(team.project.id, { text: 'An outlet-less body.', outlet: null });
    await createAnnotation(caller, bare.id, { start: 0, end: 2, label: 'assertion' });
    expect((await ids('outlet=Unknown+outlet')).map((l) => l.id)).toEqual([bare.id]);
    expect((await ids('outlet=Unknown+outlet,Wire')).map((l) => l.id).sort()).toEqual([bare.id, wire.id].sort());
    const bareCsv = await (await get(team.project.id, 'format=csv&status=all&outlet=Unknown+outlet')).text();
    expect(bareCsv.trim().split('\n').slice(1).map((row) => row.includes(bare.id))).toEqual([true]);
    const byTags = await ids('label=denial&label=EVIDENCE');
    expect(byTags.flatMap((l) => l.entities.map((e) => e.label)).sort()).toEqual(['denial', 'evidence']);
    // A tag that does not exist is named in the message, not only in its fields.
    const claim = await get(team.project.id, 'format=csv&label=claim');
    expect(claim.status).toBe(400);
    expect((await claim.json()).error.message).toMatch(/^The query string is not valid: label\.0: .*assertion.*denial.*evidence/);
    // A bad value among a list key's repeated values is named as that value, not as "given twice".
    const repeatedBad = await get(team.project.id, 'format=csv&label=denial&label=claim');
    expect((await repeatedBad.json()).error.message).toMatch(/^The query string is not valid: label\.1: /);
    // A key that is not a list is still refused when given twice, naming it.
    const twice = await get(team.project.id, 'format=csv&format=jsonl');
    expect(twice.status).toBe(400);
    expect(await twice.json()).toMatchObject({ error: { message: 'Give format once', fields: { format: 'given more than once' } } });
  });

  it('an outlet or article the project does not have is refused by name, not exported as nothing', async () => {
    const team = await makeTeam('Albania cut ties with Iran.');
    await makeArticle(team.project.id, { text: 'Iran denied the attack.', outlet: 'Wire' });
    const other = await makeTeam('Another project.');
    auth.caller = as(team.reviewer);

    const outlet = await get(team.project.id, 'format=csv&outlet=Wire,Wyre');
    expect(outlet.status).toBe(400);
    const outletError = (await outlet.json()).error;
    expect(outletError.fields).toEqual({ outlet: 'no outlet "Wyre" in this project' });
    expect(outletError.message).toContain('"Test Outlet", "Wire"');
    // Every article here has an outlet: "Unknown outlet" names none of them.
    const unknown = await get(team.project.id, 'format=csv&outlet=Unknown outlet');
    expect((await unknown.json()).error.fields).toEqual({ outlet: 'no outlet "Unknown outlet" in this project' });

    // An article of a project the caller is not in reads like one that does not exist.
    for (const id of ['bogus', other.article.id]) {
      const res = await get(team.project.id, `format=w3c&articleId=${team.article.id},${id}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields).toEqual({ articleId: `no article "${id}" in this project` });
    }
  });
});
