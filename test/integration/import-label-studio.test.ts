import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { createLink } from '@/lib/links/create-link';
import { writeExport } from '@/lib/export/write-export';
import { exportQuery } from '@/lib/export/schema';
import { importFile } from '@/lib/import/import-files';
import { AppError } from '@/lib/errors';
import { as } from '../app-error';
import { addMember, makeArticle, makeProject, makeTeam, makeUser, testDb } from '../factories';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-ls-'));
const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

async function importError(projectId: string, file: string, actorId?: string) {
  const error = await importFile(projectId, file, actorId ? { actorId } : undefined).then(() => null, (e) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).message;
}

/** Spans of a project as comparable rows: article title, place, tag, quote, speaker, note. */
async function spansOf(projectId: string) {
  const rows = await testDb().annotation.findMany({
    where: { article: { projectId } },
    select: { start: true, end: true, label: true, exact: true, speaker: true, note: true, article: { select: { title: true } } },
  });
  return rows.map((r) => [r.article.title, r.start, r.end, r.label, r.exact, r.speaker, r.note]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const TEXT = 'Tirana blamed Iran 🇦🇱 for the attack. Tehran denied it. Cafe\u0301 owners shrugged.';
/** Code points before `s` in the canonical (NFC) text, which offsets count in. */
const NFC = TEXT.normalize('NFC');
const cp = (s: string) => Array.from(NFC.slice(0, NFC.indexOf(s))).length;
const region = (id: string, s: string, labels: string[], extra: object = {}) => ({
  id, from_name: 'label', to_name: 'text', type: 'labels', value: { start: cp(s), end: cp(s) + Array.from(s).length, text: s, labels, ...extra },
});

describe('Label Studio JSON import', () => {
  it('a Label Studio export of a project imports into another with the same articles, spans and links', async () => {
    const team = await makeTeam(TEXT);
    const other = await makeArticle(team.project.id, { title: 'Wire', text: 'Microsoft said Iranian hackers did it 👩‍💻.' });
    const blame = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: cp(' for'), label: 'assertion', speaker: 'Rama' });
    const denial = await createAnnotation(as(team.analyst), team.article.id, { start: cp('Tehran'), end: cp('Tehran') + 16, label: 'denial', note: 'state TV' });
    const evidence = await createAnnotation(as(team.analyst2), other.id, { start: 0, end: 39, label: 'evidence' });
    await createLink(as(team.analyst), { fromAnnotationId: denial.id, toAnnotationId: blame.id, kind: 'contradicts' });
    await createLink(as(team.analyst), { fromAnnotationId: evidence.id, toAnnotationId: blame.id, kind: 'corroborates' });
    const { chunks } = await writeExport({ userId: team.analyst.id }, team.project.id, exportQuery.parse({ format: 'labelstudio', status: 'all' }), 'https://cc.example.org');
    let out = '';
    for await (const c of chunks) out += c;
    const file = write('export.label-studio.json', out);

    const target = await makeProject();
    await addMember(team.analyst2.id, target.id, 'ANALYST');
    expect(await importFile(target.id, file, { actorId: team.analyst2.id })).toMatchObject({ articles: 2, added: 2, spans: 3, links: 2, linksSkipped: 0 });
    expect(await spansOf(target.id)).toEqual(await spansOf(team.project.id));
    const articles = await testDb().article.findMany({ where: { projectId: target.id }, select: { title: true, text: true }, orderBy: { title: 'asc' } });
    expect(articles.map((a) => a.text).sort()).toEqual([TEXT.normalize('NFC'), other.text].sort());
    const links = await testDb().link.findMany({ where: { projectId: target.id }, select: { kind: true, from: { select: { exact: true } }, to: { select: { exact: true } } }, orderBy: { kind: 'asc' } });
    expect(links).toEqual([
      { kind: 'CORROBORATES', from: { exact: evidence.exact }, to: { exact: blame.exact } },
      { kind: 'CONTRADICTS', from: { exact: denial.exact }, to: { exact: blame.exact } },
    ]);
    // Again: nothing new.
    expect(await importFile(target.id, file, { actorId: team.analyst2.id })).toMatchObject({ added: 0, unchanged: 2, spans: 0, spansSkipped: 3, links: 0 });
  });

  it("reads Label Studio's own export: every annotator's regions, a region with two tags, relations either way, old UTF-16 offsets; not skipped annotations or predictions", async () => {
    const project = await makeProject();
    const user = await makeUser();
    const text = TEXT.normalize('NFC');
    const utf16 = { start: text.indexOf('Tehran'), end: text.indexOf('Tehran') + 16 };
    const tasks = [
      {
        id: 41,
        data: { text, title: 'Albania', outlet: 'BBC', published: '2022-09-07', external_id: 'bbc-1' },
        annotations: [
          { id: 1, completed_by: 3, was_cancelled: false, result: [
            region('a', 'Tirana blamed Iran 🇦🇱', ['Assertion']),
            // Label Studio before 2022 counted UTF-16 units: after the flag these are two too many.
            { id: 'b', from_name: 'label', to_name: 'text', type: 'labels', value: { ...utf16, text: 'Tehran denied it', labels: ['denial'] } },
            { id: 'b', from_name: 'note', to_name: 'text', type: 'textarea', value: { ...utf16, text: ['state TV'] } },
            { type: 'relation', from_id: 'a', to_id: 'b', direction: 'left', labels: ['contradicts'] },
            { id: 'c', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['negative'] } },
          ] },
          { id: 2, completed_by: 4, result: [region('x', 'Café owners shrugged', ['evidence', 'assertion'])] },
          { id: 3, completed_by: 5, was_cancelled: true, result: [region('y', 'for the attack', ['evidence'])] },
        ],
        predictions: [{ result: [region('p', 'the attack', ['assertion'])] }],
      },
      { data: { text: 'Nothing annotated here.' }, annotations: [] },
    ];
    // Label Studio writes its export on one line.
    const file = write('project-1-at-2022.json', JSON.stringify(tasks));
    expect(await importFile(project.id, file, { actorId: user.id })).toMatchObject({ articles: 2, added: 2, spans: 4, links: 1, linksSkipped: 0 });
    const article = await testDb().article.findFirstOrThrow({ where: { projectId: project.id, externalId: 'bbc-1' } });
    expect(article).toMatchObject({ title: 'Albania', outlet: 'BBC' });
    const spans = await testDb().annotation.findMany({ where: { articleId: article.id }, orderBy: [{ start: 'asc' }, { label: 'asc' }], select: { exact: true, label: true, note: true } });
    expect(spans).toEqual([
      { exact: 'Tirana blamed Iran 🇦🇱', label: 'ASSERTION', note: null },
      { exact: 'Tehran denied it', label: 'DENIAL', note: 'state TV' },
      { exact: 'Café owners shrugged', label: 'ASSERTION', note: null },
      { exact: 'Café owners shrugged', label: 'EVIDENCE', note: null },
    ]);
    // direction "left": the relation runs from b to a.
    expect(await testDb().link.findMany({ where: { projectId: project.id }, select: { kind: true, from: { select: { exact: true } }, to: { select: { exact: true } } } }))
      .toEqual([{ kind: 'CONTRADICTS', from: { exact: 'Tehran denied it' }, to: { exact: 'Tirana blamed Iran 🇦🇱' } }]);
    // A list of plain article records is read too, pretty-printed over many lines.
    const plain = write('records.json', JSON.stringify([{ title: 'One', text: 'First text.' }, { title: 'Two', text: 'Second text.', external_id: 7 }], null, 2));
    expect(await importFile(project.id, plain)).toMatchObject({ articles: 2, added: 2 });
  });

  it('refuses a bad file whole, naming the record, its line and the task\'s own field', async () => {
    const project = await makeProject();
    const user = await makeUser();
    const good = { data: { text: 'Fine text.' }, annotations: [] };
    const tasks = [
      good,
      { data: { text: TEXT.normalize('NFC') }, annotations: [{ result: [region('a', 'Tirana blamed Iran', ['PER'])] }] },
      { data: { title: 'No text' } },
      { data: { text: 'Short.' }, annotations: [{ result: [{ id: 'z', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 99, labels: ['denial'] } }] }] },
    ];
    const file = write('bad.json', JSON.stringify(tasks, null, 1));
    // The line each task starts on: pretty-printed with one space, a task opens with " {".
    const starts = JSON.stringify(tasks, null, 1).split('\n').flatMap((l, n) => (l === ' {' ? [n + 1] : []));
    const lineOf = (i: number) => starts[i];
    const message = await importError(project.id, file, user.id);
    expect(message).toBe([
      'bad.json: 3 invalid records:',
      `- record 2 (line ${lineOf(1)}): field "annotations.0.result.0.value.labels.0" must be one of assertion, denial, evidence (any case) (it is "PER")`,
      `- record 3 (line ${lineOf(2)}): field "data.text" is missing`,
      `- record 4 (line ${lineOf(3)}): field "annotations.0.result.0.value.end" is 99: it must be after start_offset (0) and at most 6, the text's length in code points`,
    ].join('\n'));
    expect(await testDb().article.count({ where: { projectId: project.id } })).toBe(0);

    expect(await importError(project.id, write('cut.json', '[{"data": {"text": "One."}},\n{"data": {"text": "Tw'))).toBe('cut.json, line 2: not valid JSON (the file ends inside a value (cut short?))');
    expect(await importError(project.id, write('typo.json', '[\n{"data": {"text": "One."}},\n{"data": {"text": x}}]'))).toBe('typo.json, line 3: not valid JSON (unexpected "x")');
    expect(await importError(project.id, write('one.json', '{"data": {"text": "One."}}'))).toMatch(/^one\.json: a \.json file to import holds a list, \[ … \], of articles or Label Studio tasks/);
    expect(await importError(project.id, write('latin1.json', Buffer.from('[\n{"data": {"text": "caf\xe9"}}]', 'latin1')))).toBe('latin1.json, line 2: not valid UTF-8');
    // Read a megabyte at a time: a chunk that starts inside a character ("é" cut in two) is not taken for the bad one.
    const long = Buffer.concat([Buffer.from(`[ {"data": {"text": "${'é'.repeat(600_000)}"}},\n{"data": {"text": "fine"}},\n{"data": {"text": "caf`), Buffer.from([0xe9]), Buffer.from('"}}]')]);
    expect(await importError(project.id, write('long.json', long))).toBe('long.json, line 3: not valid UTF-8');
    expect(await importFile(project.id, write('empty.json', ' \n'))).toMatchObject({ articles: 0, added: 0 });
    expect(await testDb().article.count({ where: { projectId: project.id } })).toBe(0);
    // With a byte-order mark it is read as any other.
    expect(await importFile(project.id, write('bom.json', `\ufeff${JSON.stringify([good])}`))).toMatchObject({ added: 1 });
  });
});
