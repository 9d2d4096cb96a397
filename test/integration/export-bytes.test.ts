import { describe, expect, it } from 'vitest';
import { openExport } from '@/lib/export/load-export';
import { writeExport } from '@/lib/export/write-export';
import { exportBody } from '@/lib/export/export-body';
import { exportQuery } from '@/lib/export/schema';
import { toWebAnnotation } from '@/lib/export/to-web-annotation';
import { toJsonl } from '@/lib/export/to-jsonl';
import { copyExport } from '@/lib/export/copy-export';
import { jsonlBytes } from '@/lib/export/jsonl-bytes';
import { mustValidator } from '../w3c-validator';
import { addMember, makeArticle, makeProject, makeUser, testDb } from '../factories';
import { exportScopeWords } from '@/lib/export/file-name';

// W3C and JSONL are written from the spans' COPY bytes (lib/export/copy-export.ts);
// the writers over ExportArticle objects (to-web-annotation.ts, to-jsonl.ts),
// which the unit tests hold to JSON.stringify, are the reference: the two must
// give the same bytes, on text that JSON escapes and UTF-8 encodes awkwardly.

const BASE = 'https://cc.example.org';
const AWKWARD = [
  'PM Edi Rama 🇦🇱 said: “Iran 👩‍💻 orchestrated it.”\r\nTehran denied it. Cafe\u0301 talk.',
  'Quotes "in" \\ back\\slash, tab\there, bell \u0007, unit sep \u001f, DEL \u007f, line sep \u2028 and para \u2029 end.',
  'Zoë’s ǅ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 한국어 and עברית mixed with ASCII, over several sentences. Another one here.',
];
const NOTES = [null, '', 'state TV', 'a "quoted" note\nwith a new line\r\nand \\ and \u0001 and 🙂', 'é\u0301 combining'];
const SPEAKERS = [null, '', 'Edi Rama', 'Ζωή "Z" \\ \t', '👩‍💻 hacker'];

const cps = (s: string) => Array.from(s);

/** The export as one string, through the route's path (bytes) or the reference writers (strings). */
async function viaBytes(userId: string, projectId: string, q: Record<string, string>) {
  const { chunks } = await writeExport({ userId }, projectId, exportQuery.parse(q), BASE);
  const decoder = new TextDecoder();
  let out = '';
  for await (const c of chunks) out += typeof c === 'string' ? c : decoder.decode(c, { stream: true });
  return out + decoder.decode();
}

async function viaReference(userId: string, projectId: string, q: Record<string, string>) {
  const query = exportQuery.parse(q);
  const { scope, articles } = await openExport({ userId }, projectId, query, BASE);
  const label = `${scope.projectName} (${exportScopeWords(query)})`;
  const chunks = query.format === 'w3c' ? toWebAnnotation(scope, articles(), label) : toJsonl(articles());
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

/** The W3C collection states when it was generated: that one value is left out of the comparison. */
const withoutGenerated = (doc: string) => doc.replace(/"generated":"[^"]*"/, '"generated":"…"');

/**
 * A project of `articles` articles (awkward texts in turn, some with no
 * spans), spans with notes, speakers, claims and statuses in turn, from two
 * authors (one with a name JSON must escape), links within and across
 * articles.
 */
async function corpus(articles: number) {
  const project = await makeProject(`Bytes "export" ${Date.now()}`);
  const [ana, bob] = await Promise.all([makeUser({ name: 'Ana' }), makeUser({ name: 'Bob "the \\ reviewer" 🧐' })]);
  await addMember(ana.id, project.id, 'ADMIN');
  await addMember(bob.id, project.id, 'ANALYST');
  const claim = await testDb().claim.create({ data: { projectId: project.id, text: 'Iran was behind it', authorId: ana.id } });
  const spanIds: string[][] = [];
  for (let i = 0; i < articles; i++) {
    const a = await makeArticle(project.id, {
      text: AWKWARD[i % AWKWARD.length] + ` (${i})`,
      title: i % 4 === 0 ? `Title “${i}” \\ "q"` : `Article ${i}`,
      outlet: i % 3 === 0 ? null : `Outlet ${i % 2}`,
      url: i % 2 ? `https://news.example/${i}?a="b"` : null,
      author: i % 5 === 0 ? 'Zoë \u2028 Writer' : null,
      published: i % 2 ? '2022-09-0' + (1 + (i % 9)) : null,
      externalId: i % 3 ? `ext/${i}` : null,
    });
    const text = cps(a.text);
    // Every seventh article has no spans, others one to six.
    const count = i % 7 === 3 ? 0 : 1 + (i % 6);
    const data = Array.from({ length: count }, (_, k) => {
      // The second span sits where the first does: their order is the id's.
      const at = k === 1 ? 0 : k;
      const start = (at * 7 + i) % (text.length - 12);
      const end = start + 1 + ((at * 5 + i) % 11);
      return {
        articleId: a.id, authorId: k % 2 ? bob.id : ana.id, label: (['ASSERTION', 'DENIAL', 'EVIDENCE'] as const)[(i + k) % 3],
        start, end, exact: text.slice(start, end).join(''), prefix: text.slice(Math.max(0, start - 32), start).join(''), suffix: text.slice(end, end + 32).join(''),
        note: NOTES[(i + k) % NOTES.length], speaker: SPEAKERS[(i * 3 + k) % SPEAKERS.length], textHash: a.textHash,
        status: (['APPROVED', 'APPROVED', 'PENDING', 'REJECTED'] as const)[(i + 2 * k) % 4], claimId: (i + k) % 5 === 0 ? claim.id : null,
        createdAt: new Date(Date.UTC(2022, 8, 8, 10, k, i % 60, (i * 37 + k) % 1000)),
      };
    });
    if (count) await testDb().annotation.createMany({ data });
    const made = await testDb().annotation.findMany({ where: { articleId: a.id }, orderBy: [{ start: 'asc' }, { end: 'asc' }, { id: 'asc' }], select: { id: true } });
    spanIds.push(made.map((s) => s.id));
    // Edited spans have a modified time of their own.
    if (made.length > 1) await testDb().annotation.update({ where: { id: made[1].id }, data: { updatedAt: new Date('2023-01-02T03:04:05.678Z') } });
  }
  const withSpans = spanIds.filter((s) => s.length > 1);
  const links = [];
  for (let i = 0; i < withSpans.length; i++) {
    const here = withSpans[i];
    const next = withSpans[(i + 1) % withSpans.length];
    links.push({ fromAnnotationId: here[0], toAnnotationId: here[1], kind: 'CONTRADICTS' as const, status: 'APPROVED' as const });
    links.push({ fromAnnotationId: here[1], toAnnotationId: next[0], kind: 'CORROBORATES' as const, status: i % 2 ? ('APPROVED' as const) : ('PENDING' as const) });
  }
  await testDb().link.createMany({ data: links.map((l) => ({ ...l, projectId: project.id, authorId: bob.id })) });
  return { project, ana, bob };
}

describe('export written from the spans’ bytes', () => {
  it('W3C and JSONL are byte for byte what the reference writers give, with every filter', async () => {
    const { project, ana, bob } = await corpus(12);
    const queries: Record<string, string>[] = [
      { status: 'approved' },
      { status: 'all' },
      { status: 'all', label: 'assertion,denial' },
      { status: 'all', outlet: 'Outlet 1' },
    ];
    for (const format of ['w3c', 'jsonl']) {
      for (const q of queries) {
        const query = { format, ...q };
        const bytes = await viaBytes(ana.id, project.id, query);
        expect(withoutGenerated(bytes), JSON.stringify(query)).toBe(withoutGenerated(await viaReference(ana.id, project.id, query)));
      }
    }
    // An analyst of an independent-annotation project sees only their own spans, in both writers.
    await testDb().project.update({ where: { id: project.id }, data: { independentAnnotation: true } });
    for (const format of ['w3c', 'jsonl']) {
      const query = { format, status: 'all' };
      const bytes = await viaBytes(bob.id, project.id, query);
      expect(withoutGenerated(bytes)).toBe(withoutGenerated(await viaReference(bob.id, project.id, query)));
      expect(bytes).not.toContain(`${BASE}/users/${ana.id}`);
    }
    const doc = JSON.parse(await viaBytes(ana.id, project.id, { format: 'w3c', status: 'all' }));
    expect(doc.first.items.length).toBe(doc.total);
    const annotationMusts = mustValidator('annotations/annotationMusts.test');
    for (const item of doc.first.items) expect(annotationMusts(item)).toEqual([]);
  });

  it('spans across many batches of articles keep their order and their articles', async () => {
    // More articles than the first batch (50), so the merge of articles,
    // spans and links runs over several COPYs.
    const { project, ana } = await corpus(130);
    for (const format of ['w3c', 'jsonl']) {
      const query = { format, status: 'all' };
      const bytes = await viaBytes(ana.id, project.id, query);
      expect(withoutGenerated(bytes)).toBe(withoutGenerated(await viaReference(ana.id, project.id, query)));
    }
    const lines = (await viaBytes(ana.id, project.id, { format: 'jsonl', status: 'all' })).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(130);
    for (const line of lines) {
      const text = cps(line.text);
      for (const e of line.entities) expect(text.slice(e.start_offset, e.end_offset).join('')).toBe(e.text);
    }
  }, 120_000);

  it('a slow reader holds the export back: it runs at most a chunk ahead of what was read', async () => {
    const { project, ana } = await corpus(130);
    const { chunks } = await writeExport({ userId: ana.id }, project.id, exportQuery.parse({ format: 'w3c', status: 'all' }), BASE);
    let produced = 0;
    async function* counted() {
      for await (const c of chunks) {
        produced++;
        yield c;
      }
    }
    const reader = (await exportBody(counted())).getReader();
    let read = 0;
    let bytes = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 5));
      // The stream asks for one chunk ahead of its reader, no more.
      expect(produced - read).toBeLessThanOrEqual(1);
      const { done, value } = await reader.read();
      if (done) break;
      read++;
      bytes += value.byteLength;
    }
    expect(read).toBeGreaterThan(4);
    expect(bytes).toBe(Buffer.byteLength(await viaBytes(ana.id, project.id, { format: 'w3c', status: 'all' })));
  }, 120_000);

  it('is one snapshot: spans added, changed or deleted while it streams are not in it', async () => {
    const { project, ana } = await corpus(130);
    const before = await viaBytes(ana.id, project.id, { format: 'w3c', status: 'all' });
    const { chunks } = await writeExport({ userId: ana.id }, project.id, exportQuery.parse({ format: 'w3c', status: 'all' }), BASE);
    const decoder = new TextDecoder();
    const first = await chunks.next();
    let out = decoder.decode(first.value as Uint8Array, { stream: true });
    // While the export is under way: a span deleted and one added in the last
    // article, an author renamed, a link removed.
    const last = await testDb().article.findFirstOrThrow({ where: { projectId: project.id, annotations: { some: {} } }, orderBy: { id: 'desc' }, select: { id: true, textHash: true, annotations: { select: { id: true }, take: 1 } } });
    await testDb().link.deleteMany({ where: { OR: [{ fromAnnotationId: last.annotations[0].id }, { toAnnotationId: last.annotations[0].id }] } });
    await testDb().annotation.delete({ where: { id: last.annotations[0].id } });
    await testDb().annotation.create({ data: { articleId: last.id, authorId: ana.id, label: 'ASSERTION', start: 0, end: 2, exact: 'xx', prefix: '', suffix: '', textHash: last.textHash, status: 'APPROVED' } });
    await testDb().user.update({ where: { id: ana.id }, data: { name: 'Ana Renamed' } });
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      out += decoder.decode(next.value as Uint8Array, { stream: true });
    }
    expect(withoutGenerated(out)).toBe(withoutGenerated(before));
    const doc = JSON.parse(out);
    expect(doc.first.items.length).toBe(doc.total);
  }, 120_000);

  it('a download nobody reads any more gives its connection back, and the export fails rather than hangs', async () => {
    const project = await makeProject(`Stalled export ${Date.now()}`);
    const ana = await makeUser({ name: 'Ana' });
    await addMember(ana.id, project.id, 'ADMIN');
    const a = await makeArticle(project.id, { text: AWKWARD[0].repeat(40) });
    // One article with enough spans that its COPY is still being read when the reader stops.
    await testDb().annotation.createMany({
      data: Array.from({ length: 3_000 }, (_, k) => ({
        articleId: a.id, authorId: ana.id, label: 'EVIDENCE' as const, start: k % 50, end: (k % 50) + 10,
        exact: cps(a.text).slice(k % 50, (k % 50) + 10).join(''), prefix: '', suffix: '', textHash: a.textHash, status: 'APPROVED' as const, note: `note ${k}`,
      })),
    });
    const { filter } = await openExport({ userId: ana.id }, project.id, exportQuery.parse({ format: 'jsonl', status: 'all' }), BASE);
    const chunks = copyExport(filter, jsonlBytes(), { idleTimeoutMs: 500 });
    const first = await chunks.next();
    expect(first.done).toBe(false);
    const copying = await testDb().$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE query LIKE 'COPY (%' AND pid <> pg_backend_pid() AND datname = current_database()`;
    expect(copying).toHaveLength(1);
    // The reader goes away without closing the stream (a stalled download).
    const gone = async () => (await testDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ${copying[0].pid}`)[0].n === 0;
    const since = Date.now();
    while (!(await gone()) && Date.now() - since < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(await gone()).toBe(true);
    expect(Date.now() - since).toBeGreaterThanOrEqual(300);
    // Pulling again now fails with the reason instead of hanging or returning half an export as whole.
    await expect(drain(chunks)).rejects.toThrow("export: not read for too long");
    // The pool is unharmed: a fresh export of the same project completes.
    expect((await viaBytes(ana.id, project.id, { format: 'jsonl', status: 'all' })).split('\n').filter(Boolean)).toHaveLength(1);
  }, 60_000);
});

async function drain(chunks: AsyncGenerator<Uint8Array>) {
  let n = 0;
  for await (const c of chunks) n += c.byteLength;
  return n;
}

