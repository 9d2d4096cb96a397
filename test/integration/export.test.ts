import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { createClaim } from '@/lib/claims/create-claim';
import { writeExport } from '@/lib/export/write-export';
import { exportQuery } from '@/lib/export/schema';
import { AppError } from '@/lib/errors';
import { mustValidator } from '../w3c-validator';
import { bratFileBase } from '@/lib/export/to-brat';
import { makeArticle, makeTeam, testDb } from '../factories';

const TEXT = 'PM Edi Rama 🇦🇱 said: “Iran 👩‍💻 orchestrated it.”\nTehran denied it. Cafe\u0301 talk.';

async function collect(userId: string, projectId: string, q: Record<string, string>) {
  const { chunks, mediaType, fileName } = await writeExport({ userId }, projectId, exportQuery.parse(q), 'https://cc.example.org');
  // Chunks are bytes (a character may straddle two of them) or text.
  const decoder = new TextDecoder();
  let out = '';
  for await (const c of chunks) out += typeof c === 'string' ? c : decoder.decode(c, { stream: true });
  return { out, mediaType, fileName };
}

/** A binary export (brat's ZIP), unzipped; `chunks` counts what was streamed. */
async function collectZip(userId: string, projectId: string, q: Record<string, string>) {
  const { chunks, mediaType, fileName } = await writeExport({ userId }, projectId, exportQuery.parse(q), 'https://cc.example.org');
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(typeof c === 'string' ? new TextEncoder().encode(c) : c);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
  return { files, chunks: parts.length, mediaType, fileName };
}

/** T lines of an .ann file: id → { type, fragments, covered }. */
function tLines(ann: string) {
  return new Map(
    ann
      .split('\n')
      .filter((l) => l.startsWith('T'))
      .map((l) => {
        const [id, typeAndOffsets, covered] = l.split('\t');
        const [type, ...rest] = typeAndOffsets.split(' ');
        return [id, { type, fragments: rest.join(' ').split(';').map((f) => f.split(' ').map(Number)), covered }] as const;
      }),
  );
}

async function setup() {
  const team = await makeTeam(TEXT);
  const text = (await testDb().article.findUniqueOrThrow({ where: { id: team.article.id } })).text;
  const range = (needle: string) => {
    const unit = text.indexOf(needle);
    const start = Array.from(text.slice(0, unit)).length;
    return { start, end: start + Array.from(needle).length };
  };
  const caller = { ...team.analyst, via: 'token' as const };
  const a = await createAnnotation(caller, team.article.id, { ...range('Iran 👩‍💻 orchestrated it.'), label: 'assertion', speaker: 'Edi Rama' });
  const d = await createAnnotation(caller, team.article.id, { ...range('Tehran denied it'), label: 'denial', note: 'state TV' });
  const e = await createAnnotation(caller, team.article.id, { ...range('Café talk'), label: 'evidence' });
  await testDb().annotation.updateMany({ where: { id: { in: [a.id, d.id] } }, data: { status: 'APPROVED' } });
  await testDb().link.create({ data: { projectId: team.project.id, fromAnnotationId: d.id, toAnnotationId: a.id, kind: 'CONTRADICTS', authorId: team.analyst.id, status: 'APPROVED' } });
  return { team, text, a, d, e };
}

describe('export', () => {
  it('W3C: approved spans and links only by default, passing the W3C MUST assertions', async () => {
    const { team, a, d } = await setup();
    const { out, mediaType } = await collect(team.reviewer.id, team.project.id, { format: 'w3c' });
    expect(mediaType).toContain('application/ld+json');
    const doc = JSON.parse(out);
    expect(doc.total).toBe(3);
    const items = doc.first.items;
    const tagged = items.filter((i: { motivation: string }) => i.motivation === 'tagging');
    expect(tagged.map((i: { id: string }) => i.id.split('/').pop()).sort()).toEqual([a.id, d.id].sort());
    expect(items.filter((i: { motivation: string }) => i.motivation === 'linking')).toHaveLength(1);
    const annotationMusts = mustValidator('annotations/annotationMusts.test');
    for (const item of items) expect(annotationMusts(item)).toEqual([]);
    expect(mustValidator('collections/collectionMusts.test')(doc)).toEqual([]);
    const all = JSON.parse((await collect(team.reviewer.id, team.project.id, { format: 'w3c', status: 'all' })).out);
    expect(all.total).toBe(4);
  });

  it('JSONL: one article per line with code-point offsets, in doccano relation field names', async () => {
    const { team, text, a, d } = await setup();
    const { out } = await collect(team.analyst.id, team.project.id, { format: 'jsonl', status: 'all' });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line.text).toBe(text);
    const cps = Array.from(line.text as string);
    for (const ent of line.entities) expect(cps.slice(ent.start_offset, ent.end_offset).join('')).toBe(ent.text);
    expect(line.entities.map((e: { text: string }) => e.text)).toEqual(['Iran 👩‍💻 orchestrated it.', 'Tehran denied it', 'Café talk']);
    expect(line.relations).toEqual([expect.objectContaining({ from_id: d.id, to_id: a.id, type: 'contradicts' })]);
  });

  it('CSV: one row per span with tag, speaker, note, status, reviewer and links', async () => {
    const { team, a, d } = await setup();
    await testDb().annotation.update({ where: { id: a.id }, data: { reviewedById: team.reviewer.id } });
    await testDb().article.update({ where: { id: team.article.id }, data: { externalId: 'body-42' } });
    const claim = await createClaim({ ...team.analyst, via: 'token' }, { projectId: team.project.id, text: 'Iran was behind it', annotationId: a.id });
    const { out } = await collect(team.analyst.id, team.project.id, { format: 'csv', status: 'all', label: 'assertion,denial' });
    const rows = parse(out, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.text, r.tag, r.status])).toEqual([
      ['Iran 👩‍💻 orchestrated it.', 'assertion', 'approved'],
      ['Tehran denied it', 'denial', 'approved'],
    ]);
    expect(rows[0].speaker).toBe('Edi Rama');
    expect(rows[1].note).toBe('state TV');
    expect(rows[1].links).toBe(`contradicts:${a.id}`);
    expect(rows[0].span_id).toBe(a.id);
    // The id the article came with, so rows join back to the source corpus (FNC-1's Body ID).
    expect(rows.map((r) => r.article_external_id)).toEqual(['body-42', 'body-42']);
    expect(rows.map((r) => r.reviewer)).toEqual(['Reviewer', '']);
    // Who tagged each span, and the claim it belongs to.
    expect(rows.map((r) => r.annotator)).toEqual(['Analyst', 'Analyst']);
    expect(rows.map((r) => [r.claim_id, r.claim])).toEqual([[claim.id, 'Iran was behind it'], ['', '']]);
    // For Excel: the same file after a UTF-8 byte-order mark; without asking, none.
    expect(out.charCodeAt(0)).not.toBe(0xfeff);
    const excel = (await collect(team.analyst.id, team.project.id, { format: 'csv', status: 'all', label: 'assertion,denial', bom: 'true' })).out;
    expect(excel).toBe(`\ufeff${out}`);
    expect(() => exportQuery.parse({ format: 'csv', bom: 'yes' })).toThrow();
    // Anyone's words that a spreadsheet would run as a formula stay words.
    await testDb().annotation.update({ where: { id: d.id }, data: { note: '=HYPERLINK("http://evil.example","x")', speaker: '@SUM(1)' } });
    const [, escaped] = parse((await collect(team.analyst.id, team.project.id, { format: 'csv', status: 'all', label: 'assertion,denial' })).out, { columns: true }) as Record<string, string>[];
    expect([escaped.note, escaped.speaker, escaped.start]).toEqual([`'=HYPERLINK("http://evil.example","x")`, `'@SUM(1)`, rows[1].start]);
  });

  it('brat: a streamed ZIP of .txt/.ann pairs with code-point offsets, R lines in an article and notes across articles', async () => {
    const { team, text, a, d } = await setup();
    const caller = { ...team.analyst, via: 'token' as const };
    // A span across the line break becomes two fragments.
    const unit = text.indexOf('orchestrated it.”\nTehran');
    const start = Array.from(text.slice(0, unit)).length;
    const x = await createAnnotation(caller, team.article.id, { start, end: start + Array.from('orchestrated it.”\nTehran').length, label: 'evidence' });
    // A second article whose span corroborates `a` and shares its claim.
    const bText = 'Microsoft 🪟 said Iranian hackers did it.';
    const other = await makeArticle(team.project.id, { text: bText, title: 'Zoë’s wire report', externalId: 'wire/42' });
    const b = await createAnnotation(caller, other.id, { start: 17, end: 40, label: 'evidence' });
    const claim = await testDb().claim.create({ data: { projectId: team.project.id, text: 'Iran was behind the attack', verdict: 'Supported', authorId: team.analyst.id } });
    await testDb().annotation.updateMany({ where: { id: { in: [x.id, b.id] } }, data: { status: 'APPROVED' } });
    await testDb().annotation.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { claimId: claim.id } });
    await testDb().link.create({ data: { projectId: team.project.id, fromAnnotationId: b.id, toAnnotationId: a.id, kind: 'CORROBORATES', authorId: team.analyst.id, status: 'APPROVED' } });

    const { files, chunks, mediaType, fileName } = await collectZip(team.reviewer.id, team.project.id, { format: 'brat' });
    expect(mediaType).toBe('application/zip');
    expect(fileName).toMatch(/-approved\.zip$/);
    expect(chunks).toBeGreaterThanOrEqual(3);
    const article = await testDb().article.findUniqueOrThrow({ where: { id: team.article.id }, select: { id: true, externalId: true, title: true } });
    const aName = bratFileBase(article);
    const bName = bratFileBase({ id: other.id, externalId: 'wire/42', title: 'Zoë’s wire report' });
    expect(bName).toMatch(new RegExp(`^wire-42-${other.id}$`));
    expect(Object.keys(files).sort()).toEqual(['annotation.conf', 'tools.conf', `${aName}.ann`, `${aName}.txt`, `${bName}.ann`, `${bName}.txt`].sort());
    expect(files[`${aName}.txt`]).toBe(text);

    // Approved only: a (T1), x (T2), d (T3); the pending `e` is not there.
    const ts = tLines(files[`${aName}.ann`]);
    expect([...ts.keys()]).toEqual(['T1', 'T2', 'T3']);
    const cps = Array.from(text);
    for (const t of ts.values()) expect(t.fragments.map(([s, e]) => cps.slice(s, e).join('')).join(' ')).toBe(t.covered);
    expect(ts.get('T1')).toMatchObject({ type: 'Assertion', covered: 'Iran 👩‍💻 orchestrated it.' });
    expect(ts.get('T2')).toMatchObject({ type: 'Evidence', covered: 'orchestrated it.” Tehran' });
    expect(ts.get('T2')!.fragments).toHaveLength(2);
    expect(ts.get('T3')).toMatchObject({ type: 'Denial', covered: 'Tehran denied it' });
    const aLines = files[`${aName}.ann`].trimEnd().split('\n');
    expect(aLines).toContain('R1\tContradicts Arg1:T3 Arg2:T1');
    expect(aLines).toContain('A1\tReviewStatus T1 approved');
    expect(aLines).toContain('#1\tAnnotatorNotes T1\tSpeaker: Edi Rama');
    expect(aLines).toContain('#2\tAnnotatorNotes T3\tstate TV');
    expect(aLines).toContain(`N1\tReference T1 Crosscheck:${claim.id}\tIran was behind the attack`);

    const bLines = files[`${bName}.ann`].trimEnd().split('\n');
    expect(bLines).toContain('T1\tEvidence 17 40\tIranian hackers did it.');
    expect(bLines).toContain(`N1\tReference T1 Crosscheck:${claim.id}\tIran was behind the attack`);
    const t1 = ts.get('T1')!.fragments[0];
    expect(bLines).toContain(`#1\tAnnotatorNotes T1\tCorroborates: ${aName}.ann T1 ${t1[0]} ${t1[1]} "Iran 👩‍💻 orchestrated it."`);
    expect(files['annotation.conf']).toContain('[entities]\nAssertion\nDenial\nEvidence\n');

    // status=all adds the pending span and shifts the T numbers after it.
    const all = await collectZip(team.reviewer.id, team.project.id, { format: 'brat', status: 'all' });
    const allTs = tLines(all.files[`${aName}.ann`]);
    expect([...allTs.values()].map((t) => t.covered)).toEqual(['Iran 👩‍💻 orchestrated it.', 'orchestrated it.” Tehran', 'Tehran denied it', 'Café talk']);
    expect(all.files[`${aName}.ann`]).toContain('A4\tReviewStatus T4 pending');
    void d;
  });

  it('CoNLL: BIO (IOB2) tags per token, a -DOCSTART- per article and a blank line between sentences', async () => {
    const { team } = await setup();
    await makeArticle(team.project.id, { text: 'Nothing tagged here.' });
    const { out, mediaType, fileName } = await collect(team.reviewer.id, team.project.id, { format: 'conll' });
    expect(mediaType).toContain('text/plain');
    expect(fileName).toMatch(/\.conll$/);
    const docs = out.split(/^-DOCSTART- -X- -X- O\n\n/m).filter(Boolean);
    expect(docs).toHaveLength(2);
    const tagged = docs.find((doc) => doc.includes('Rama'))!;
    const sentences = tagged.trimEnd().split('\n\n').map((s) => s.split('\n').map((l) => l.split(' ')));
    // "PM Edi Rama 🇦🇱 said: “Iran 👩‍💻 orchestrated it.”" / "Tehran denied it." / "Café talk."
    expect(sentences).toHaveLength(3);
    expect(sentences[0]).toEqual([
      ['PM', 'O'], ['Edi', 'O'], ['Rama', 'O'], ['🇦🇱', 'O'], ['said', 'O'], [':', 'O'], ['“', 'O'],
      ['Iran', 'B-ASSERTION'], ['👩‍💻', 'I-ASSERTION'], ['orchestrated', 'I-ASSERTION'], ['it', 'I-ASSERTION'], ['.', 'I-ASSERTION'], ['”', 'O'],
    ]);
    expect(sentences[1]).toEqual([['Tehran', 'B-DENIAL'], ['denied', 'I-DENIAL'], ['it', 'I-DENIAL'], ['.', 'O']]);
    // The evidence span is pending: not in the approved export.
    expect(sentences[2]).toEqual([['Café', 'O'], ['talk', 'O'], ['.', 'O']]);
    const all = await collect(team.reviewer.id, team.project.id, { format: 'conll', status: 'all' });
    expect(all.out).toContain('Café B-EVIDENCE\ntalk I-EVIDENCE\n. O\n');
    const untagged = docs.find((doc) => doc.includes('Nothing'))!;
    expect(untagged).toBe('Nothing O\ntagged O\nhere O\n. O\n\n');
  });

  it('ClaimReview: one review per claim with a verdict, its appearances from approved spans', async () => {
    const { team, a, d, e } = await setup();
    const other = await makeArticle(team.project.id, { text: 'Iran hacked Albania, said the PM.', title: 'Wire', outlet: 'Wire', url: 'https://wire.example.net/x', published: '2022-09-06' });
    const b = await createAnnotation({ ...team.analyst, via: 'token' }, other.id, { start: 0, end: 19, label: 'assertion', speaker: 'Edi Rama' });
    const mk = (verdict: string | null) =>
      testDb().claim.create({ data: { projectId: team.project.id, text: 'Iran was behind the attack', verdict, ...(verdict && { verdictNote: 'Microsoft attributed it.', verdictAt: new Date('2022-09-10T09:00:00Z') }), authorId: team.analyst.id } });
    const [reviewed, unreviewed] = [await mk('Mostly supported'), await mk(null)];
    await testDb().annotation.updateMany({ where: { id: { in: [a.id, b.id, e.id] } }, data: { claimId: reviewed.id } });
    await testDb().annotation.update({ where: { id: d.id }, data: { claimId: unreviewed.id } });

    const { out, mediaType } = await collect(team.reviewer.id, team.project.id, { format: 'claimreview' });
    expect(mediaType).toContain('application/ld+json');
    const doc = JSON.parse(out);
    expect(doc).toHaveLength(1);
    const [review] = doc;
    expect(review).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: `https://cc.example.org/claims/${reviewed.id}`,
      claimReviewed: 'Iran was behind the attack',
      reviewRating: { '@type': 'Rating', alternateName: 'Mostly supported', ratingExplanation: 'Microsoft attributed it.' },
      author: { '@type': 'Organization', name: team.project.name },
      datePublished: '2022-09-10',
    });
    // b is pending, e is pending: only the approved span `a` appears.
    expect(review.itemReviewed.appearance.map((x: { url: string }) => x.url)).toEqual([`https://cc.example.org/articles/${team.article.id}`]);
    expect(review.itemReviewed.author).toEqual({ '@type': 'Person', name: 'Edi Rama' });
    const all = JSON.parse((await collect(team.reviewer.id, team.project.id, { format: 'claimreview', status: 'all' })).out);
    expect(all[0].itemReviewed.appearance.map((x: { url: string }) => x.url)).toEqual(['https://wire.example.net/x', `https://cc.example.org/articles/${team.article.id}`]);
    expect(all[0].itemReviewed.firstAppearance).toMatchObject({ url: 'https://wire.example.net/x', headline: 'Wire', publisher: { name: 'Wire' } });
    // A verdict on spans no reviewer approved is published only with status=all.
    const judgedPending = await mk('False');
    await testDb().annotation.update({ where: { id: b.id }, data: { claimId: judgedPending.id } });
    const ids = async (status?: 'all') => JSON.parse((await collect(team.reviewer.id, team.project.id, { format: 'claimreview', ...(status && { status }) })).out).map((r: { url: string }) => r.url.split('/').pop());
    expect(await ids()).toEqual([reviewed.id]);
    expect((await ids('all')).sort()).toEqual([reviewed.id, judgedPending.id].sort());
    // Another project's claims never appear.
    expect(JSON.parse((await collect(team.outsider.id, team.otherProject.id, { format: 'claimreview' })).out)).toEqual([]);
  });

  it('Label Studio: a JSON task per article, approved spans as regions in code points, the link inside it as a relation', async () => {
    const { team, text, a, d } = await setup();
    const { out, mediaType, fileName } = await collect(team.reviewer.id, team.project.id, { format: 'labelstudio' });
    expect(mediaType).toBe('application/json; charset=utf-8');
    expect(fileName).toMatch(/-approved\.label-studio\.json$/);
    const [task, ...more] = JSON.parse(out);
    expect(more).toEqual([]);
    expect(task.data).toMatchObject({ text, article_id: team.article.id });
    const result = task.annotations[0].result as { id: string; type: string; from_name?: string; value?: { start: number; end: number; text: string; labels: string[] } }[];
    const regions = result.filter((r) => r.type === 'labels');
    expect(regions.map((r) => [r.id, r.value!.labels[0], Array.from(text).slice(r.value!.start, r.value!.end).join('')])).toEqual([
      [a.id, 'assertion', 'Iran 👩‍💻 orchestrated it.'],
      [d.id, 'denial', 'Tehran denied it'],
    ]);
    expect(result.find((r) => r.id === a.id && r.from_name === 'speaker')?.value).toMatchObject({ text: ['Edi Rama'] });
    expect(result.filter((r) => r.type === 'relation')).toEqual([{ type: 'relation', from_id: d.id, to_id: a.id, direction: 'right', labels: ['contradicts'] }]);
    const all = JSON.parse((await collect(team.reviewer.id, team.project.id, { format: 'labelstudio', status: 'all' })).out);
    expect(all[0].annotations[0].result.filter((r: { type: string }) => r.type === 'labels')).toHaveLength(3);
  });

  it('is refused for a project the caller is not in', async () => {
    const { team } = await setup();
    await expect(collect(team.outsider.id, team.project.id, { format: 'w3c' })).rejects.toBeInstanceOf(AppError);
  });
});
