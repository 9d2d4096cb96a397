import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { addArticles } from '@/lib/corpus/add-articles';
import { importFile } from '@/lib/import/import-files';
import { importUpload } from '@/lib/import/import-upload';
import { AppError } from '@/lib/errors';
import { addMember, makeProject, makeUser, suffix, testDb } from '../factories';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-import-stream-'));
const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, `${suffix()}-${name}`);
  fs.writeFileSync(file, content);
  return file;
};
const jsonl = (records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** More records than one batch of lib/corpus/add-articles.ts holds (500), so a file spans several INSERTs. */
const MANY = 1_200;
const body = (i: number) => `Report ${i} says the ministry denied it. Officials in region ${i % 17} disagreed on Tuesday.\nA second paragraph for ${i}.`;
const manyRecords = () => Array.from({ length: MANY }, (_, i) => ({ externalId: `m-${i}`, title: `Report ${i}`, text: body(i) }));

const counts = async (projectId: string) => ({
  articles: await testDb().article.count({ where: { projectId } }),
  sentences: await testDb().sentence.count({ where: { article: { projectId } } }),
  events: await testDb().auditEvent.count({ where: { projectId, action: 'import' } }),
});

async function importError(projectId: string, file: string, name: string) {
  const error = await importFile(projectId, file, { name }).then(() => null, (e) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).message;
}

describe('streaming import', () => {
  it('rolls a whole file back when a record near its end is invalid, after earlier batches were stored', async () => {
    const project = await makeProject();
    const records: object[] = manyRecords();
    records[1_149] = { externalId: 'm-1149', title: 'No text here' };
    expect(await importError(project.id, write('late.jsonl', jsonl(records)), 'late.jsonl')).toMatch(/^late\.jsonl, line 1150: field "text"/);
    expect(await counts(project.id)).toEqual({ articles: 0, sentences: 0, events: 0 });

    // Fixed, the same file imports whole, every article with its sentences.
    const result = await importFile(project.id, write('fixed.jsonl', jsonl(manyRecords())), { name: 'fixed.jsonl' });
    expect(result).toMatchObject({ articles: MANY, added: MANY, unchanged: 0 });
    const after = await counts(project.id);
    expect(after.articles).toBe(MANY);
    expect(after.sentences).toBe(MANY * 3);
    const withoutSentences = await testDb().article.count({ where: { projectId: project.id, sentences: { none: {} } } });
    expect(withoutSentences).toBe(0);
  });

  it('reports its progress as it reads: articles so far, and bytes of the file read', async () => {
    const project = await makeProject();
    const file = write('progress.jsonl', jsonl(manyRecords()));
    const seen: { articles: number; bytes: number; totalBytes: number }[] = [];
    await importFile(project.id, file, { name: 'progress.jsonl', onProgress: (p) => seen.push({ ...p }) });
    expect(seen).toHaveLength(MANY);
    expect(seen.map((p) => p.articles)).toEqual(Array.from({ length: MANY }, (_, i) => i + 1));
    expect(seen.at(-1)).toEqual({ articles: MANY, bytes: fs.statSync(file).size, totalBytes: fs.statSync(file).size });
    for (let i = 1; i < seen.length; i++) expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);
  });

  it('stores sentences whose offsets slice back to their text, for every article of a multi-batch file', async () => {
    const project = await makeProject();
    await importFile(project.id, write('offsets.jsonl', jsonl(manyRecords())), { name: 'offsets.jsonl' });
    const articles = await testDb().article.findMany({ where: { projectId: project.id }, select: { text: true, sentences: { select: { start: true, end: true, text: true } } } });
    for (const a of articles) {
      const cps = Array.from(a.text);
      for (const s of a.sentences) expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
    }
  });

  it('stores text exactly as written, whatever characters COPY would take for separators or escapes', async () => {
    const project = await makeProject();
    const text = 'Tabs\there and a backslash \\ and \\N and \\t.\nSecond line with "quotes", \'apostrophes\' and 🇦🇱 emoji.\n\n\tIndented line.';
    const title = 'Back\\slash\tand tab';
    await importFile(project.id, write('escapes.jsonl', jsonl([{ externalId: 'esc\\1', title, url: 'https://example.org/a\tb', text }])), { name: 'escapes.jsonl' });
    const article = await testDb().article.findFirstOrThrow({ where: { projectId: project.id }, select: { externalId: true, title: true, url: true, text: true, sentences: { select: { start: true, end: true, text: true }, orderBy: { start: 'asc' } } } });
    expect(article).toMatchObject({ externalId: 'esc\\1', title, url: 'https://example.org/a\tb', text });
    expect(article.sentences.map((s) => s.text)).toEqual(['Tabs\there and a backslash \\ and \\N and \\t.', 'Second line with "quotes", \'apostrophes\' and 🇦🇱 emoji.', 'Indented line.']);
    const cps = Array.from(text);
    for (const s of article.sentences) expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
  });

  it('takes an article that comes twice in one file, in different batches, once; with another text the second time, refuses the file naming the line', async () => {
    const project = await makeProject();
    const again: object[] = [...manyRecords(), { externalId: 'm-3', title: 'Report 3', text: body(3) }];
    expect(await importFile(project.id, write('twice.jsonl', jsonl(again)), { name: 'twice.jsonl' })).toMatchObject({ added: MANY, unchanged: 1, revised: 0 });
    const other = await makeProject();
    const changed: object[] = [...manyRecords(), { externalId: 'm-3', title: 'Report 3, changed', text: 'A different text for the same id.' }];
    expect(await importError(other.id, write('changed.jsonl', jsonl(changed)), 'changed.jsonl')).toBe(
      `changed.jsonl, line ${MANY + 1}: the externalId "m-3" came earlier in this file with another text; give each article once`,
    );
    expect((await counts(other.id)).articles).toBe(0);
  });

  it('records one import audit event, in the import, for each file that changes something', async () => {
    const project = await makeProject();
    const user = await makeUser();
    const file = write('audited.jsonl', jsonl([{ externalId: 'a', text: 'First text.' }, { externalId: 'b', text: 'Second text.' }]));
    await importFile(project.id, file, { name: 'audited.jsonl', actorId: user.id });
    // Unchanged: nothing happened, nothing to record.
    await importFile(project.id, file, { name: 'audited.jsonl', actorId: user.id });
    // From the command line (no user), one text changed.
    await importFile(project.id, write('changed.jsonl', jsonl([{ externalId: 'a', text: 'First text, revised.' }, { externalId: 'b', text: 'Second text.' }])), { name: 'changed.jsonl' });
    const events = await testDb().auditEvent.findMany({ where: { projectId: project.id, action: 'import' }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => ({ actorId: e.actorId, objectType: e.objectType, objectId: e.objectId, after: e.after }))).toEqual([
      { actorId: user.id, objectType: 'project', objectId: project.id, after: { file: 'audited.jsonl', added: 2, unchanged: 0, revised: 0, updated: 0, orphaned: 0, reopened: 0, spans: 0, spansSkipped: 0, links: 0, linksSkipped: 0 } },
      { actorId: null, objectType: 'project', objectId: project.id, after: { file: 'changed.jsonl', added: 0, unchanged: 1, revised: 1, updated: 0, orphaned: 0, reopened: 0, spans: 0, spansSkipped: 0, links: 0, linksSkipped: 0 } },
    ]);
  });

  it('names the CSV record and the line it starts on, counting quoted line breaks and empty lines', async () => {
    const project = await makeProject();
    const csv = 'Body ID,articleBody\n1,"Fine."\n2,"Two\nlines."\n\n3,""\n4,"Never reached."\n';
    expect(await importError(project.id, write('bodies.csv', csv), 'bodies.csv')).toMatch(/^bodies\.csv, record 3 \(line 6\): field "text" is missing or empty/);
    expect(await importError(project.id, write('cols.csv', 'id,body\n1,"x"\n'), 'cols.csv')).toMatch(/^cols\.csv: no column "articleBody" for text/);
    expect(await importError(project.id, write('ragged.csv', 'Body ID,articleBody\n1,"x"\n2,"y",extra\n'), 'ragged.csv')).toMatch(/^ragged\.csv, line 3: malformed CSV/);
    expect((await counts(project.id)).articles).toBe(0);
  });

  it('refuses text PostgreSQL cannot store (U+0000, a lone surrogate) and impossible dates, naming line and field', async () => {
    const project = await makeProject();
    const nul = '{"text": "a\\u0000b"}\n';
    const surrogate = '{"text": "fine", "title": "half \\ud83c"}\n';
    const date = '{"text": "fine", "published": "2022-02-30"}\n';
    expect(await importError(project.id, write('nul.jsonl', `{"text": "ok"}\n${nul}`), 'nul.jsonl')).toMatch(/^nul\.jsonl, line 2: field "text" contains U\+0000/);
    expect(await importError(project.id, write('sur.jsonl', surrogate), 'sur.jsonl')).toMatch(/^sur\.jsonl, line 1: field "title" contains U\+0000 or a lone surrogate/);
    expect(await importError(project.id, write('date.jsonl', date), 'date.jsonl')).toMatch(/^date\.jsonl, line 1: field "published" is not a calendar date/);
    expect((await counts(project.id)).articles).toBe(0);
  });

  it('stores a file imported several times at once once: the later imports wait and find its articles', async () => {
    const project = await makeProject();
    // With ids (found by externalId) and without (found by text, which no key guards).
    const withIds = manyRecords().slice(0, 600);
    const withoutIds = withIds.map(({ title, text }) => ({ title, text: `${text} No id.` }));
    for (const [name, records] of [['with-ids.jsonl', withIds], ['without-ids.jsonl', withoutIds]] as const) {
      const file = write(name, jsonl(records));
      const results = await Promise.all([0, 1, 2].map(() => importFile(project.id, file, { name })));
      expect(results.map((r) => r.added).sort()).toEqual([0, 0, 600]);
      for (const r of results) expect(r.added + r.unchanged).toBe(600);
    }
    expect((await counts(project.id)).articles).toBe(1200);
  });

  it('refuses an import that waited too long for another into the same project, storing nothing; the next one goes through', async () => {
    const project = await makeProject();
    // Another import's transaction, holding the project's import lock.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(72031, hashtext($1))', [project.id]);
      const refused = await addArticles(project.id, [{ title: 'Waited', text: 'It waited too long.' }], { lockWaitMs: 300 }).then(() => null, (e) => e);
      expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Another import into this project is still running/) });
      expect((await counts(project.id)).articles).toBe(0);
      await other.query('ROLLBACK');
    } finally {
      await other.end();
    }
    expect(await addArticles(project.id, [{ title: 'Later', text: 'It went through.' }], { lockWaitMs: 300 })).toMatchObject({ added: 1 });
  });

  it('imports uploaded files streamed to disk, each on its own, and names the uploader in the audit log', async () => {
    const project = await makeProject();
    const user = await makeUser();
    await addMember(user.id, project.id, 'ANALYST');
    const form = new FormData();
    form.append('file', new File([jsonl(manyRecords().slice(0, 3))], 'good.jsonl'));
    form.append('file', new File(['{"title": "no text"}\n'], 'bad.jsonl'));
    // A page with its details sidecar, sent together: one article (stored as `<n>-<name>`, they are paired by name).
    form.append('file', new File([JSON.stringify({ title: 'Ties cut', outlet: 'Wire' })], 'ties.json'));
    form.append('file', new File(['Albania cut ties with Iran.'], 'ties.txt'));
    const results = await importUpload(user.id, project.id, new Request('http://localhost/upload', { method: 'POST', body: form }));
    expect(results).toEqual([
      { file: 'good.jsonl', articles: 3, added: 3, unchanged: 0, revised: 0, updated: 0, orphaned: 0, reopened: 0, spans: 0, spansSkipped: 0, links: 0, linksSkipped: 0 },
      { file: 'bad.jsonl', error: expect.stringMatching(/^bad\.jsonl, line 1: field "text"/) },
      { file: 'ties.txt', articles: 1, added: 1, unchanged: 0, revised: 0, updated: 0, orphaned: 0, reopened: 0, spans: 0, spansSkipped: 0, links: 0, linksSkipped: 0 },
    ]);
    expect(await testDb().article.findFirstOrThrow({ where: { projectId: project.id, externalId: 'ties.txt' } })).toMatchObject({ title: 'Ties cut', outlet: 'Wire' });
    const events = await testDb().auditEvent.findMany({ where: { projectId: project.id, action: 'import' } });
    // No order asked of the database: sorted by file.
    expect(events.map((e) => [e.actorId, (e.after as { file: string }).file]).sort((x, y) => x[1]!.localeCompare(y[1]!))).toEqual([[user.id, 'good.jsonl'], [user.id, 'ties.txt']]);
  });
});
