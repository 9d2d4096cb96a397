import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { writeExport } from '@/lib/export/write-export';
import { exportQuery } from '@/lib/export/schema';
import { importFile } from '@/lib/import/import-files';
import { normalizeText } from '@/lib/anchoring/normalize-text';
import { articleTextArb } from '@/lib/anchoring/testing/article-text-arbitrary';
import { as } from '../app-error';
import { createLink } from '@/lib/links/create-link';
import { reviewAnnotation } from '@/lib/review/review-annotation';
import { addMember, makeArticle, makeProject, makeTeam, testDb } from '../factories';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-roundtrip-'));

async function spansOf(projectId: string) {
  const rows = await testDb().annotation.findMany({
    where: { article: { projectId } },
    select: { start: true, end: true, label: true, exact: true, prefix: true, suffix: true, speaker: true, note: true, article: { select: { externalId: true, title: true, text: true } } },
  });
  return rows
    .map((r) => JSON.stringify([r.article.title, r.article.text, r.start, r.end, r.label, r.exact, r.prefix, r.suffix, r.speaker, r.note]))
    .sort();
}

/** The project's JSONL export, all spans, as the user sees it, in a file. */
async function exportJsonl(userId: string, projectId: string, name: string) {
  const { chunks } = await writeExport({ userId }, projectId, exportQuery.parse({ format: 'jsonl', status: 'all' }), 'https://cc.example.org');
  let out = '';
  for await (const c of chunks) out += typeof c === 'string' ? c : new TextDecoder().decode(c);
  const file = path.join(dir, name);
  fs.writeFileSync(file, out);
  return file;
}

describe('JSONL round trip', () => {
  it('exporting JSONL and importing it into a new project gives back the same articles and spans', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        articleTextArb(30).map(normalizeText).filter((t) => t.trim().length > 2),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('assertion', 'denial', 'evidence' as const), fc.option(fc.string({ maxLength: 20 }))), { minLength: 1, maxLength: 6 }),
        async (text, rawSpans) => {
          const team = await makeTeam(text);
          const cps = Array.from(text);
          for (const [a, b, label, speaker] of rawSpans) {
            let start = a % cps.length;
            let end = Math.min(cps.length, start + 1 + (b % 12));
            // Spans never start or end in whitespace (the reader trims them); skip those that would.
            while (start < end && /\s/.test(cps[start])) start++;
            while (end > start && /\s/.test(cps[end - 1])) end--;
            if (end <= start) continue;
            await createAnnotation(as(team.analyst), team.article.id, { start, end, label, speaker: speaker?.trim() || null });
          }
          const { chunks } = await writeExport({ userId: team.analyst.id }, team.project.id, exportQuery.parse({ format: 'jsonl', status: 'all' }), 'https://cc.example.org');
          // Chunks are bytes (a character may straddle two of them) or text.
          const decoder = new TextDecoder();
          let out = '';
          for await (const c of chunks) out += typeof c === 'string' ? c : decoder.decode(c, { stream: true });
          const file = path.join(dir, `export-${run++}.jsonl`);
          fs.writeFileSync(file, out);

          const target = await makeProject();
          await addMember(team.analyst.id, target.id, 'ANALYST');
          const result = await importFile(target.id, file, { actorId: team.analyst.id });
          expect(result.added).toBe(1);
          expect(await spansOf(target.id)).toEqual(await spansOf(team.project.id));
        },
      ),
      { numRuns: Number(process.env.ROUND_TRIP_RUNS ?? 15) },
    );
  });

  it('brings links back too: relations inside an article and cross_relations to another, as pending links of the importer', async () => {
    const team = await makeTeam('Tirana blamed Iran 🇦🇱. Tehran denied it.');
    const other = await makeArticle(team.project.id, { title: 'Wire', text: 'Microsoft said Iranian hackers did it.' });
    const blame = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 18, label: 'assertion' });
    const denial = await createAnnotation(as(team.analyst), team.article.id, { start: 21, end: 37, label: 'denial' });
    const evidence = await createAnnotation(as(team.analyst), other.id, { start: 0, end: 37, label: 'evidence' });
    await createLink(as(team.analyst), { fromAnnotationId: denial.id, toAnnotationId: blame.id, kind: 'contradicts' });
    await createLink(as(team.analyst), { fromAnnotationId: evidence.id, toAnnotationId: blame.id, kind: 'corroborates' });
    const file = await exportJsonl(team.analyst.id, team.project.id, 'links.jsonl');

    const target = await makeProject();
    await addMember(team.analyst2.id, target.id, 'ANALYST');
    const result = await importFile(target.id, file, { actorId: team.analyst2.id });
    expect(result).toMatchObject({ added: 2, spans: 3, links: 2, linksSkipped: 0 });
    const links = await testDb().link.findMany({
      where: { projectId: target.id },
      select: { kind: true, status: true, authorId: true, from: { select: { exact: true } }, to: { select: { exact: true } } },
      orderBy: { kind: 'asc' },
    });
    expect(links).toEqual([
      { kind: 'CORROBORATES', status: 'PENDING', authorId: team.analyst2.id, from: { exact: evidence.exact }, to: { exact: blame.exact } },
      { kind: 'CONTRADICTS', status: 'PENDING', authorId: team.analyst2.id, from: { exact: denial.exact }, to: { exact: blame.exact } },
    ]);
  });

  it('skips relations it cannot make links of, and says why', async () => {
    const project = await makeProject();
    const team = await makeTeam();
    await addMember(team.analyst.id, project.id, 'ANALYST');
    const line = (id: string, text: string, entities: object[], relations: object[] = [], cross: object[] = []) => JSON.stringify({ external_id: id, text, entities, relations, cross_relations: cross });
    const file = path.join(dir, 'relations.jsonl');
    fs.writeFileSync(file, [
      // A cross relation to a span of a later line, one of an unknown type, one to a span not in the file, one repeated the other way round.
      line('a', 'Iran did it. Iran denies it.', [{ id: 1, start_offset: 0, end_offset: 12, label: 'assertion' }, { id: 2, start_offset: 13, end_offset: 28, label: 'denial' }],
        [{ from_id: 2, to_id: 1, type: 'Contradicts' }, { from_id: 1, to_id: 2, type: 'CONTRADICTS' }, { from_id: 1, to_id: 2, type: 'works_at' }], [{ from_id: 1, to_id: 3, type: 'corroborates' }, { from_id: 1, to_id: 99, type: 'corroborates' }]),
      line('b', 'Microsoft agrees.', [{ id: 3, start_offset: 0, end_offset: 17, label: 'evidence' }]),
    ].join('\n'));
    const result = await importFile(project.id, file, { actorId: team.analyst.id });
    expect(result).toMatchObject({ added: 2, spans: 3, links: 2, linksSkipped: 3 });
    expect(result.warnings).toEqual([
      '1 relation not imported: a span it names is not in this file (line 1)',
      'relations of type "works_at" not imported: links are corroborates or contradicts (line 1)',
      '1 relation already linked (earlier in the file or before), not imported again (line 1)',
    ]);
    // Again: the articles are there, their spans and relations are found there and not brought twice.
    const again = await importFile(project.id, file, { actorId: team.analyst.id });
    expect(again).toMatchObject({ unchanged: 2, spans: 0, spansSkipped: 3, links: 0, linksSkipped: 5 });
    expect(again.warnings).toEqual([
      '1 relation not imported: a span it names is not in this file (line 1)',
      'relations of type "works_at" not imported: links are corroborates or contradicts (line 1)',
      '3 relations already linked (earlier in the file or before), not imported again (line 1)',
    ]);
    expect(await testDb().link.count({ where: { projectId: project.id } })).toBe(2);
  });

  it('says on which lines the relations it skipped are, the first five', async () => {
    const project = await makeProject();
    const team = await makeTeam();
    await addMember(team.analyst.id, project.id, 'ANALYST');
    const line = (n: number) => {
      const [claim, denial] = [`Claim number ${n}.`, `Denial number ${n}.`];
      return JSON.stringify({
        external_id: `l${n}`, text: `${claim} ${denial}`,
        entities: [{ id: `a${n}`, start_offset: 0, end_offset: claim.length, label: 'assertion' }, { id: `d${n}`, start_offset: claim.length + 1, end_offset: claim.length + 1 + denial.length, label: 'denial' }],
        relations: [{ from_id: `d${n}`, to_id: `a${n}`, type: 'supports' }],
        ...(n === 3 && { cross_relations: [{ from_id: 'a3', to_id: 'nowhere', type: 'corroborates' }] }),
      });
    };
    const file = path.join(dir, 'places.jsonl');
    fs.writeFileSync(file, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(line).join('\n'));
    const result = await importFile(project.id, file, { actorId: team.analyst.id });
    expect(result).toMatchObject({ added: 11, spans: 22, links: 0, linksSkipped: 12 });
    expect(result.warnings).toEqual([
      '1 relation not imported: a span it names is not in this file (line 3)',
      'relations of type "supports" not imported: links are corroborates or contradicts (line 1, line 2, line 3, line 4, line 5, …)',
    ]);
  });

  it('resolves a line\'s relations against its own spans, so ids that restart on each line link the right spans', async () => {
    const project = await makeProject();
    const team = await makeTeam();
    await addMember(team.analyst.id, project.id, 'ANALYST');
    const line = (text: string, entities: object[], relations: object[], cross: object[] = []) => JSON.stringify({ text, entities, relations, cross_relations: cross });
    const file = path.join(dir, 'restarting.jsonl');
    fs.writeFileSync(file, [
      line('Iran did it. Iran denies it.', [{ id: 1, start_offset: 0, end_offset: 12, label: 'assertion' }, { id: 2, start_offset: 13, end_offset: 28, label: 'denial' }], [{ from_id: 2, to_id: 1, type: 'contradicts' }, { from_id: 1, to_id: 1, type: 'contradicts' }]),
      // Its own entity 1, and a cross relation to "1", which two lines hold: ambiguous, skipped.
      line('Microsoft agrees.', [{ id: 1, start_offset: 0, end_offset: 17, label: 'evidence' }], [], [{ from_id: 2, to_id: 1, type: 'corroborates' }]),
    ].join('\n'));
    const result = await importFile(project.id, file, { actorId: team.analyst.id });
    expect(result).toMatchObject({ added: 2, spans: 3, links: 1, linksSkipped: 2 });
    expect(result.warnings).toEqual(['1 relation not imported: a span it names is not in this file (line 2)', '1 relation from a span to itself not imported (line 1)']);
    const [link] = await testDb().link.findMany({ where: { projectId: project.id }, select: { from: { select: { exact: true } }, to: { select: { exact: true } } } });
    expect(link).toEqual({ from: { exact: 'Iran denies it.' }, to: { exact: 'Iran did it.' } });
  });

  it('merges the spans and links a file brings for articles already here, never twice, and brings back no rejected span', async () => {
    const team = await makeTeam('Tirana blamed Iran 🇦🇱. Tehran denied it.');
    const kept = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 22, label: 'assertion' });
    await reviewAnnotation(as(team.reviewer), kept.id, { decision: 'reject', comment: 'not a claim', version: 1 });
    const text = team.article.text;
    const at = (s: string) => Array.from(text.slice(0, text.indexOf(s))).length;
    // Annotated elsewhere (another tool, the same text): the rejected span again, a new one, and a link between them.
    const file = path.join(dir, 'annotated-elsewhere.jsonl');
    fs.writeFileSync(file, JSON.stringify({
      text,
      entities: [{ id: 1, start_offset: 0, end_offset: 22, label: 'ASSERTION' }, { id: 2, start_offset: at('Tehran'), end_offset: at('Tehran') + 16, label: 'denial', speaker: 'Tehran' }],
      relations: [{ from_id: 2, to_id: 1, type: 'contradicts' }],
    }) + '\n');
    const first = await importFile(team.project.id, file, { actorId: team.analyst2.id });
    expect(first).toMatchObject({ added: 0, unchanged: 1, spans: 1, spansSkipped: 1, links: 1, linksSkipped: 0 });
    const spans = await testDb().annotation.findMany({ where: { articleId: team.article.id }, orderBy: { start: 'asc' }, select: { id: true, exact: true, label: true, status: true, speaker: true, authorId: true } });
    expect(spans).toEqual([
      { id: kept.id, exact: 'Tirana blamed Iran 🇦🇱.', label: 'ASSERTION', status: 'REJECTED', speaker: null, authorId: team.analyst.id },
      { id: expect.any(String), exact: 'Tehran denied it', label: 'DENIAL', status: 'PENDING', speaker: 'Tehran', authorId: team.analyst2.id },
    ]);
    // The link joins the new span to the one already there (the file's span 1 is that span).
    expect(await testDb().link.findMany({ where: { projectId: team.project.id }, select: { fromAnnotationId: true, toAnnotationId: true, kind: true } }))
      .toEqual([{ fromAnnotationId: spans[1].id, toAnnotationId: kept.id, kind: 'CONTRADICTS' }]);
    // Again: everything is there.
    const again = await importFile(team.project.id, file, { actorId: team.analyst2.id });
    expect(again).toMatchObject({ unchanged: 1, spans: 0, spansSkipped: 2, links: 0, linksSkipped: 1 });
    expect(await testDb().annotation.count({ where: { articleId: team.article.id } })).toBe(2);
    // Without a user it imports as long as it adds no span.
    expect(await importFile(team.project.id, file)).toMatchObject({ unchanged: 1, spans: 0, spansSkipped: 2 });
  });

  it("takes a file's spans for the spans they name by id, and never for another analyst's hidden spans", async () => {
    const team = await makeTeam('Tirana blamed Iran. Tehran denied it.');
    const other = await makeArticle(team.project.id, { title: 'Wire', text: 'Microsoft confirmed it.' });
    // Two analysts tagged the same words; one of them linked hers.
    const mine = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 18, label: 'assertion' });
    const theirs = await createAnnotation(as(team.analyst2), team.article.id, { start: 0, end: 18, label: 'assertion' });
    const evidence = await createAnnotation(as(team.analyst), other.id, { start: 0, end: 22, label: 'evidence' });
    await createLink(as(team.analyst), { fromAnnotationId: evidence.id, toAnnotationId: theirs.id, kind: 'corroborates' });
    const file = await exportJsonl(team.analyst.id, team.project.id, 'named.jsonl');
    // Back into the same project: every span is found by its id, the link is the one there.
    expect(await importFile(team.project.id, file, { actorId: team.analyst.id })).toMatchObject({ unchanged: 2, spans: 0, spansSkipped: 3, links: 0, linksSkipped: 1 });
    expect(await testDb().link.findMany({ where: { projectId: team.project.id }, select: { fromAnnotationId: true, toAnnotationId: true } })).toEqual([{ fromAnnotationId: evidence.id, toAnnotationId: theirs.id }]);
    // Both analysts' spans are still there, each once: neither was taken for the other's.
    expect((await testDb().annotation.findMany({ where: { articleId: team.article.id }, select: { id: true } })).map((a) => a.id).sort()).toEqual([mine.id, theirs.id].sort());

    // Independent annotation: analyst two's file with the same words as analyst one's hidden span adds a span of her own.
    const blind = await makeProject();
    await testDb().project.update({ where: { id: blind.id }, data: { independentAnnotation: true } });
    await addMember(team.analyst.id, blind.id, 'ANALYST');
    await addMember(team.analyst2.id, blind.id, 'ANALYST');
    const article = await makeArticle(blind.id, { text: 'Tirana blamed Iran. Tehran denied it.' });
    const hidden = await createAnnotation(as(team.analyst), article.id, { start: 0, end: 18, label: 'assertion' });
    const hers = path.join(dir, 'hers.jsonl');
    fs.writeFileSync(hers, JSON.stringify({ text: article.text, entities: [{ id: hidden.id, start_offset: 0, end_offset: 18, label: 'assertion' }] }) + '\n');
    expect(await importFile(blind.id, hers, { actorId: team.analyst2.id })).toMatchObject({ unchanged: 1, spans: 1, spansSkipped: 0 });
    const spans = await testDb().annotation.findMany({ where: { articleId: article.id }, select: { authorId: true } });
    expect(spans.map((x) => x.authorId).sort()).toEqual([team.analyst.id, team.analyst2.id].sort());
  });

  it("places a revised article's spans from the file on its new text, beside the old spans re-anchored", async () => {
    const project = await makeProject();
    const team = await makeTeam();
    await addMember(team.analyst.id, project.id, 'ANALYST');
    const file = path.join(dir, 'revised.jsonl');
    fs.writeFileSync(file, JSON.stringify({ external_id: 'r1', text: 'Albania cut ties with Iran.' }) + '\n');
    await importFile(project.id, file, { actorId: team.analyst.id });
    const article = await testDb().article.findFirstOrThrow({ where: { projectId: project.id } });
    await createAnnotation(as(team.analyst), article.id, { start: 0, end: 26, label: 'assertion' });
    fs.writeFileSync(file, JSON.stringify({ external_id: 'r1', text: 'Update: Albania cut ties with Iran. Tehran denied it.', entities: [{ start_offset: 36, end_offset: 52, label: 'denial' }, { start_offset: 8, end_offset: 34, label: 'assertion' }] }) + '\n');
    expect(await importFile(project.id, file, { actorId: team.analyst.id })).toMatchObject({ revised: 1, orphaned: 0, spans: 1, spansSkipped: 1 });
    const spans = await testDb().annotation.findMany({ where: { articleId: article.id }, orderBy: { start: 'asc' }, select: { exact: true, label: true } });
    expect(spans).toEqual([{ exact: 'Albania cut ties with Iran', label: 'ASSERTION' }, { exact: 'Tehran denied it', label: 'DENIAL' }]);
  });
});
