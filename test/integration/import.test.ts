import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { importFile } from '@/lib/import/import-files';
import { zipCorpusFiles } from '@/lib/import/read-zip';
import { AppError } from '@/lib/errors';
import { makeProject, makeUser, testDb } from '../factories';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-import-'));
const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
const countArticles = (projectId: string) => testDb().article.count({ where: { projectId } });

async function importError(projectId: string, file: string, actorId?: string) {
  const error = await importFile(projectId, file, actorId ? { actorId } : undefined).then(() => null, (e) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).message;
}

describe('import', () => {
  it('imports JSON Lines with canonical text (BOM removed, CRLF to LF, NFC), and again adds nothing', async () => {
    const project = await makeProject();
    const file = write('a.jsonl', [
      JSON.stringify({ title: 'One', outlet: 'BBC', published: '2022-09-07', text: '\uFEFFAlbania cut ties.\r\nCafe\u0301 owner 🇦🇱.', externalId: 'x1' }),
      '',
      JSON.stringify({ title: 'Two', text: 'Iran denied it.', outlet: '', url: ' ', author: '' }),
    ].join('\n'));
    expect(await importFile(project.id, file)).toMatchObject({ articles: 2, added: 2, unchanged: 0 });
    const one = await testDb().article.findFirstOrThrow({ where: { projectId: project.id, externalId: 'x1' } });
    expect(one.text).toBe('Albania cut ties.\nCafé owner 🇦🇱.');
    expect(one.length).toBe(Array.from(one.text).length);
    expect(await testDb().sentence.count({ where: { articleId: one.id } })).toBeGreaterThanOrEqual(2);
    // Empty fields are absent: "" is no outlet (filtered as Unknown outlet), not one without a name.
    expect(await testDb().article.findFirstOrThrow({ where: { projectId: project.id, title: 'Two' }, select: { outlet: true, url: true, author: true } })).toEqual({ outlet: null, url: null, author: null });
    // The same file again, under another name: nothing new.
    const again = write('renamed.jsonl', fs.readFileSync(file));
    expect(await importFile(project.id, again)).toMatchObject({ added: 0, unchanged: 2 });
    expect(await countArticles(project.id)).toBe(2);
  });

  it('refuses a whole file when one record is bad, naming the file, the line and the field', async () => {
    const project = await makeProject();
    const good = JSON.stringify({ title: 'Fine', text: 'A fine article.' });
    expect(await importError(project.id, write('missing.jsonl', `${good}\n${JSON.stringify({ title: 'No text' })}\n`))).toMatch(/missing\.jsonl, line 2: field "text"/);
    expect(await importError(project.id, write('broken.jsonl', `${good}\n{"title": "x",\n`))).toMatch(/broken\.jsonl, line 2: not valid JSON/);
    expect(await importError(project.id, write('long.jsonl', JSON.stringify({ title: 'x'.repeat(1001), text: 'y' })))).toMatch(/line 1: field "title"/);
    expect(await importError(project.id, write('bad.jsonl', Buffer.concat([Buffer.from(`${good}\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])])))).toMatch(/bad\.jsonl, line 2: not valid UTF-8/);
    expect(await importError(project.id, write('x.docx', 'whatever'))).toMatch(/unknown file type/);
    expect(await countArticles(project.id)).toBe(0);
  });

  it('lists every invalid record of a file, not only the first, and stores none of it', async () => {
    const project = await makeProject();
    const good = (n: number) => JSON.stringify({ title: `Fine ${n}`, text: `A fine article ${n}.` });
    const jsonl = [good(1), JSON.stringify({ title: 'No text' }), good(3), '{"title": "x",', good(5), JSON.stringify({ text: 'T', published: 'May 5', outlet: ['BBC'] })].join('\n');
    const message = await importError(project.id, write('several.jsonl', jsonl));
    expect(message.split('\n')).toEqual([
      'several.jsonl: 3 invalid records:',
      '- line 2: field "text" is missing',
      expect.stringMatching(/^- line 4: not valid JSON/),
      // Every bad field of a record, not only its first.
      expect.stringMatching(/^- line 6: field "outlet" .*; field "published" must be a date, YYYY-MM-DD \(it is "May 5"\)$/),
    ]);
    const csv = 'Body ID,articleBody\n1,Fine\n2,\n3,Fine too\n4,"  "\n';
    expect((await importError(project.id, write('bodies.csv', csv))).split('\n')).toEqual([
      'bodies.csv: 2 invalid records:',
      '- record 2 (line 3): field "text" is missing or empty',
      '- record 4 (line 5): field "text" is only whitespace',
    ]);
    // A malformed line ends the reading; the records before it are still listed.
    const broken = await importError(project.id, write('broken.csv', 'Body ID,articleBody\n1,\n2,"never closed\n3,x\n'));
    expect(broken).toMatch(/^broken\.csv: 2 invalid records:\n- record 1 \(line 2\): field "text" is missing or empty\n- line 3: malformed CSV: a quoted field/);
    expect(await countArticles(project.id)).toBe(0);
  });

  it('names the line where a malformed CSV record starts, not where the parser gave up', async () => {
    const project = await makeProject();
    const rows = (quoted: boolean) => ['Body ID,articleBody', ...Array.from({ length: 10 }, (_, i) => (i === 5 ? `80${i},"Body ${i} never closed` : quoted ? `80${i},"Body ${i}"` : `80${i},Body ${i}`))].join('\r\n');
    // A later quote ends the open one and the parser stops there (line 8); without one, at the end (line 11).
    for (const quoted of [true, false]) {
      expect(await importError(project.id, write('open.csv', rows(quoted)))).toBe(
        'open.csv, line 7: malformed CSV: a quoted field of this record is not closed where it should be (a " missing, or a " inside it not doubled as "")',
      );
    }
    expect(await importError(project.id, write('ragged.csv', 'Body ID,articleBody\n1,a\n2,b,c\n'))).toBe('ragged.csv, line 3: malformed CSV: this record has 3 fields where the header has 2 columns');
    // Empty lines before it count; a header with a quote left open is named as the header.
    expect(await importError(project.id, write('gaps.csv', 'Body ID,articleBody\n1,x\n\n\n2,"open\n3,y\n'))).toMatch(/^gaps\.csv, line 5: malformed CSV: a quoted field of this record/);
    expect(await importError(project.id, write('header.csv', '"Body ID,articleBody\n1,x\n'))).toMatch(/^header\.csv, line 1 \(the header\): malformed CSV: a quoted field of the header/);
    expect(await countArticles(project.id)).toBe(0);
  });

  it('imports a record with a misnamed field and says which field was not read, once per file', async () => {
    const project = await makeProject();
    const lines = [{ Title: 'Ties cut', text: 'Albania cut ties.', date: '2022-09-07' }, { Title: 'Denial', text: 'Tehran denied it.' }].map((r) => JSON.stringify(r));
    const result = await importFile(project.id, write('misnamed.jsonl', lines.join('\n')));
    expect(result).toMatchObject({ added: 2, warnings: ['field "Title" was ignored (did you mean "title"?)', 'field "date" was ignored (did you mean "published"?)'] });
    expect(await importFile(project.id, write('fine.jsonl', JSON.stringify({ title: 'Fine', text: 'Fine.' })))).not.toHaveProperty('warnings');
    // Fixed as the note says and imported again: the same records (same text, same outlet: none) take the title and date.
    const fixed = [{ title: 'Ties cut', text: 'Albania cut ties.', published: '2022-09-07' }, { title: 'Denial', text: 'Tehran denied it.' }].map((r) => JSON.stringify(r));
    expect(await importFile(project.id, write('fixed.jsonl', fixed.join('\n')))).toMatchObject({ added: 0, updated: 2 });
    expect(await testDb().article.findFirstOrThrow({ where: { projectId: project.id, text: 'Albania cut ties.' }, select: { title: true, publishedAt: true } })).toEqual({ title: 'Ties cut', publishedAt: new Date('2022-09-07T00:00:00Z') });
    expect(await importError(project.id, write('blank-header.csv', '  \n1,x\n'))).toBe('blank-header.csv, line 1: no column names (the first line must name the columns, e.g. articleBody,Body ID)');
  });

  it('stops listing after 20 invalid records, and says there are more', async () => {
    const project = await makeProject();
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ title: `No text ${i + 1}` }));
    const message = await importError(project.id, write('many.jsonl', lines.join('\n')));
    const listed = message.split('\n');
    expect(listed[0]).toBe('many.jsonl: more than 20 invalid records, the first 20:');
    expect(listed.slice(1)).toHaveLength(20);
    expect(listed.at(-1)).toBe('- line 20: field "text" is missing');
    expect(await countArticles(project.id)).toBe(0);
  });

  it('takes a page (.txt, .html) under another name as the same article, and a page with an edited text as a revision', async () => {
    const project = await makeProject();
    const page = 'Albania cut ties with Iran.\nTehran denied any role.';
    expect(await importFile(project.id, write('page.txt', page))).toMatchObject({ added: 1 });
    // A page of one long line: its title is the line's start, not a refusal of a 1,000-character title.
    expect(await importFile(project.id, write('one-line.txt', 'Albania said '.repeat(200)))).toMatchObject({ added: 1 });
    const oneLine = await testDb().article.findFirstOrThrow({ where: { projectId: project.id, externalId: 'one-line.txt' }, select: { title: true } });
    expect(oneLine.title).toMatch(/^Albania said Albania said .*…$/);
    expect(Array.from(oneLine.title).length).toBeLessThanOrEqual(120);
    expect(await importFile(project.id, write('page-copy.txt', page))).toMatchObject({ added: 0, unchanged: 1 });
    const html = `<html><head><title>Ties cut</title></head><body><article><p>${'Albania cut ties with Iran on Wednesday. '.repeat(8)}</p></article></body></html>`;
    expect(await importFile(project.id, write('ties.html', html))).toMatchObject({ added: 1 });
    expect(await importFile(project.id, write('ties (1).html', html))).toMatchObject({ added: 0, unchanged: 1 });
    expect(await importFile(project.id, write('page.txt', `${page}\nA third line.`))).toMatchObject({ added: 0, revised: 1 });
    // A record without an id is the article with its text, whatever id that article was imported with;
    // of the same outlet (none), its title corrects the one the page's first line gave.
    expect(await importFile(project.id, write('same.jsonl', JSON.stringify({ title: 'Same', text: `${page}\nA third line.` })))).toMatchObject({ added: 0, updated: 1 });
    expect(await countArticles(project.id)).toBe(3);
  });

  it('reads a page\'s details from its sidecar, and refuses a sidecar it cannot read, naming it', async () => {
    const project = await makeProject();
    write('report.json', JSON.stringify({ title: 'The report', outlet: 'Wire', published: '2022-09-07', external_id: 'r-1' }));
    expect(await importFile(project.id, write('report.txt', 'The report says so.'))).toMatchObject({ added: 1 });
    expect(await testDb().article.findFirstOrThrow({ where: { projectId: project.id } })).toMatchObject({ title: 'The report', outlet: 'Wire', externalId: 'r-1' });
    write('broken.json', '{"title": "x",');
    expect(await importError(project.id, write('broken.txt', 'Some text.'))).toMatch(/^broken\.txt: its details file broken\.json is not valid JSON/);
    write('list.json', '["x"]');
    expect(await importError(project.id, write('list.txt', 'Some text.'))).toMatch(/^list\.txt: its details file list\.json must be a JSON object/);
    write('latin1.json', Buffer.from('{"title": "caf\xe9"}', 'latin1'));
    expect(await importError(project.id, write('latin1.txt', 'Some text.'))).toBe('latin1.txt: its details file latin1.json, line 1: not valid UTF-8');
    write('dated.json', JSON.stringify({ published: 'May 5' }));
    expect(await importError(project.id, write('dated.txt', 'Some text.'))).toBe('dated.txt (details in dated.json): field "published" must be a date, YYYY-MM-DD (it is "May 5")');
    expect(await countArticles(project.id)).toBe(1);
  });

  it('corrects an article\'s details when a re-import gives others with the same text, and counts them apart', async () => {
    const project = await makeProject();
    const record = { externalId: 'x1', title: 'Albania cuts ties', outlet: 'Wire', url: 'https://example.org/a', text: 'Albania cut ties with Iran.' };
    await importFile(project.id, write('first.jsonl', JSON.stringify(record)));
    const corrected = { ...record, title: 'Albania cuts ties with Iran', outlet: 'Reuters', published: '2022-09-07', url: '' };
    expect(await importFile(project.id, write('corrected.jsonl', JSON.stringify(corrected)))).toMatchObject({ added: 0, unchanged: 0, updated: 1, revised: 0 });
    const article = await testDb().article.findFirstOrThrow({ where: { projectId: project.id } });
    // An empty field keeps what is there; the text and its revision do not move.
    expect(article).toMatchObject({ title: 'Albania cuts ties with Iran', outlet: 'Reuters', url: 'https://example.org/a', publishedAt: new Date('2022-09-07T00:00:00Z'), revision: 1 });
    // In the article's history, from what to what.
    const events = await testDb().auditEvent.findMany({ where: { objectId: article.id, action: 'article.update' }, select: { before: true, after: true } });
    expect(events).toEqual([
      { before: { title: 'Albania cuts ties', outlet: 'Wire', publishedAt: null }, after: { title: 'Albania cuts ties with Iran', outlet: 'Reuters', publishedAt: '2022-09-07' } },
    ]);
    expect(await importFile(project.id, write('corrected.jsonl', JSON.stringify(corrected)))).toMatchObject({ updated: 0, unchanged: 1 });
    // A record without a title does not put the text's first words in place of the real one.
    const untitled = { externalId: 'x1', text: record.text };
    expect(await importFile(project.id, write('untitled.jsonl', JSON.stringify(untitled)))).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await testDb().article.findFirstOrThrow({ where: { projectId: project.id }, select: { title: true } })).toEqual({ title: 'Albania cuts ties with Iran' });
  });

  it('imports the FNC-1 bodies CSV layout as it is, with "Body ID" as externalId', async () => {
    const project = await makeProject();
    const file = write('bodies.csv', 'Body ID,articleBody\n0,"A small meteorite crashed.\nNicaragua says so."\n4,"Last week we hinted at it."\n');
    expect(await importFile(project.id, file)).toMatchObject({ articles: 2, added: 2 });
    const rows = await testDb().article.findMany({ where: { projectId: project.id }, orderBy: { externalId: 'asc' } });
    expect(rows.map((r) => [r.externalId, r.title])).toEqual([['0', 'A small meteorite crashed.'], ['4', 'Last week we hinted at it.']]);
    expect(await importError(project.id, write('unclosed.csv', 'Body ID,articleBody\n1,"never closed\n'))).toMatch(/unclosed\.csv.*malformed CSV/);
    // A quote inside an unquoted field is a character of it, as spreadsheets write it.
    expect(await importFile(project.id, write('inner.csv', 'Body ID,articleBody\n9,He said "no" twice.\n'))).toMatchObject({ added: 1 });
    expect((await testDb().article.findFirstOrThrow({ where: { projectId: project.id, externalId: '9' } })).text).toBe('He said "no" twice.');
  });

  it('extracts the article from HTML with Readability and keeps none of its markup or scripts', async () => {
    const project = await makeProject();
    const paragraph = 'Albania severed diplomatic ties with Iran on Wednesday after an investigation concluded that Tehran was behind the July cyberattack. '.repeat(3);
    const html = `<html><head><title>Albania cuts ties</title><script>alert(1)</script></head><body><nav>Home | News</nav>
      <article><h1>Albania cuts ties</h1><p>${paragraph}</p><p onclick="alert(2)">${paragraph}<img src=x onerror="alert(3)"></p></article></body></html>`;
    await importFile(project.id, write('page.html', html));
    const article = await testDb().article.findFirstOrThrow({ where: { projectId: project.id } });
    expect(article.text).toContain('Albania severed diplomatic ties');
    expect(article.text).not.toMatch(/<|alert|onerror|onclick/);
    // Minified markup, blocks with nothing between them: a paragraph each, never two run into one word.
    const sentence = (s: string) => `${s} ${'The dam had been inspected by the ministry engineers every year since 2015. '.repeat(3)}`;
    const minified = `<html><head><title>Dam cracks</title></head><body><article><h2>Dam cracks worsen, engineers warn</h2><p>${sentence('Engineers warned on Monday.')}</p><p>${sentence('The ministry said.')}</p><ul><li>Residents downstream</li><li>were told <a href="https://x.example">to leave</a></li></ul><blockquote><p>We did not do it.</p></blockquote><ol><li>first</li></ol></article></body></html>`;
    await importFile(project.id, write('dam.html', minified));
    const dam = await testDb().article.findFirstOrThrow({ where: { projectId: project.id, externalId: 'dam.html' } });
    const paragraphs = dam.text.split('\n\n');
    expect(paragraphs.map((p) => p.slice(0, 25))).toEqual(['Dam cracks worsen, engine', 'Engineers warned on Monda', 'The ministry said. The da', 'Residents downstream', 'were told to leave', 'We did not do it.', 'first']);
    // No markers the page did not have as text: list bullets and numbers, quote marks.
    expect(dam.text).not.toMatch(/warnEngineers|2015\.The|https|^[*>]|^1\./m);
  });

  it('imports spans carried as doccano entities, and refuses bad offsets naming the field', async () => {
    const project = await makeProject();
    const user = await makeUser();
    const text = 'Rama 🇦🇱 said Iran did it. Tehran denied it.';
    const cps = Array.from(text);
    const at = (s: string) => Array.from(text.slice(0, text.indexOf(s))).length;
    const line = { title: 'With spans', text, entities: [{ start_offset: at('Iran did it'), end_offset: at('Iran did it') + 11, label: 'ASSERTION', speaker: 'Rama' }] };
    const file = write('spans.jsonl', JSON.stringify(line) + '\n');
    expect(await importError(project.id, file)).toMatch(/^spans\.jsonl: This file carries spans: import it as a user/);
    await importFile(project.id, file, { actorId: user.id });
    const span = await testDb().annotation.findFirstOrThrow({ where: { article: { projectId: project.id } } });
    expect(span).toMatchObject({ exact: 'Iran did it', label: 'ASSERTION', speaker: 'Rama', status: 'PENDING' });
    expect(cps.slice(span.start, span.end).join('')).toBe('Iran did it');
    const bad = write('bad-spans.jsonl', JSON.stringify({ ...line, entities: [{ start_offset: 5, end_offset: 500, label: 'assertion' }] }) + '\n');
    expect(await importError(project.id, bad)).toMatch(/bad-spans\.jsonl, line 1: field "entities\.0\.end_offset"/);
    const inside = write('bom-inside.jsonl', JSON.stringify({ ...line, text: `${text}\r\n\uFEFF more` }) + '\n');
    expect(await importError(project.id, inside, user.id)).toBe('bom-inside.jsonl, line 1: field "text" has a byte-order mark inside it, so the spans\' offsets cannot be placed');
    // Without spans there is nothing to place: such a text imports as any other.
    expect(await importFile(project.id, write('bom-no-spans.jsonl', JSON.stringify({ text: 'Hello\r\nwor\uFEFFld' }) + '\n'))).toMatchObject({ added: 1 });
  });

  it('places spans given against a text as another tool kept it (CRLF line ends, decomposed accents, a byte-order mark) on its canonical text', async () => {
    const project = await makeProject();
    const user = await makeUser();
    // As doccano stores a Windows file: its offsets count the BOM, each CR, and each accent apart.
    const raw = '\uFEFFKovac\u030C said:\r\nIran 👍🏽 did it.\r\nCafe\u0301 owners shrugged.';
    const at = (s: string) => Array.from(raw.slice(0, raw.indexOf(s))).length;
    const entity = (s: string, label: string) => ({ start_offset: at(s), end_offset: at(s) + Array.from(s).length, label });
    const file = write('windows.jsonl', JSON.stringify({ title: 'From doccano', text: raw, entities: [entity('Kovac\u030C said', 'assertion'), entity('Iran 👍🏽 did it.\r\nCafe\u0301', 'evidence'), entity('owners', 'denial')] }) + '\n');
    expect(await importFile(project.id, file, { actorId: user.id })).toMatchObject({ added: 1, spans: 3 });
    const article = await testDb().article.findFirstOrThrow({ where: { projectId: project.id } });
    expect(article.text).toBe('Kovač said:\nIran 👍🏽 did it.\nCafé owners shrugged.');
    const spans = await testDb().annotation.findMany({ where: { articleId: article.id }, orderBy: { start: 'asc' } });
    const cps = Array.from(article.text);
    expect(spans.map((s) => [s.exact, cps.slice(s.start, s.end).join('')])).toEqual([
      ['Kovač said', 'Kovač said'],
      ['Iran 👍🏽 did it.\nCafé', 'Iran 👍🏽 did it.\nCafé'],
      ['owners', 'owners'],
    ]);
  });

  it("imports doccano's sequence-labelling export ([start, end, label] under \"label\") as pending spans", async () => {
    const project = await makeProject();
    const user = await makeUser();
    const text = 'Tehran denied it 👍🏽. Tirana said Iran did it.';
    const at = (s: string) => Array.from(text.slice(0, text.indexOf(s))).length;
    const file = write('doccano-seq.jsonl', JSON.stringify({ id: 7, text, label: [[at('denied it'), at('denied it') + 9, 'DENIAL'], [at('Iran did it'), at('Iran did it') + 11, 'assertion']] }) + '\n');
    expect(await importFile(project.id, file, { actorId: user.id })).toMatchObject({ added: 1, spans: 2 });
    // Again: the article is unchanged and its spans are not added twice.
    expect(await importFile(project.id, file, { actorId: user.id })).toMatchObject({ added: 0, unchanged: 1, spans: 0, spansSkipped: 2 });
    const spans = await testDb().annotation.findMany({ where: { article: { projectId: project.id } }, orderBy: { start: 'asc' } });
    expect(spans.map((s) => [s.exact, s.label, s.status])).toEqual([
      ['denied it', 'DENIAL', 'PENDING'],
      ['Iran did it', 'ASSERTION', 'PENDING'],
    ]);
    const classification = write('doccano-class.jsonl', JSON.stringify({ text: 'Another text.', label: ['politics'] }) + '\n');
    expect(await importError(project.id, classification, user.id)).toMatch(/^doccano-class\.jsonl, line 1: field "label\.0" is a document label/);
    expect(await testDb().article.count({ where: { projectId: project.id } })).toBe(1);
  });

  it('imports a corpus folder with manifest.json, and the same folder zipped adds nothing', async () => {
    const project = await makeProject();
    const demo = path.join(process.cwd(), 'data/demo/albania-iran-2022');
    const result = await importFile(project.id, demo);
    expect(result).toMatchObject({ articles: 5, added: 5 });
    // Zipped as a file manager zips a folder: everything under one top folder, with its junk.
    const entries: Record<string, Uint8Array> = { 'albania-iran-2022/.DS_Store': new Uint8Array([0]), '__MACOSX/albania-iran-2022/._manifest.json': new Uint8Array([0]) };
    for (const f of fs.readdirSync(demo)) entries[`albania-iran-2022/${f}`] = fs.readFileSync(path.join(demo, f));
    const zip = write('corpus.zip', Buffer.from(zipSync(entries)));
    expect(await importFile(project.id, zip)).toMatchObject({ articles: 5, added: 0, unchanged: 5 });
  });

  it('a zipped corpus folder with a bad manifest or file imports nothing, naming the folder, the record and the field', async () => {
    const project = await makeProject();
    const manifest = (articles: object[]) => strToU8(JSON.stringify({ articles }));
    const zip = (name: string, entries: Record<string, Uint8Array>) => write(name, Buffer.from(zipSync(entries)));
    const good = { file: 'a.txt', title: 'A', outlet: 'Wire' };
    const a = strToU8('Albania cut ties with Iran.');

    expect(await importError(project.id, zip('none.zip', { 'a.txt': a }))).toMatch(/^none\.zip: no manifest\.json at the top of the zip or in its one folder/);
    expect(await importError(project.id, zip('json.zip', { 'manifest.json': strToU8('{"articles": [') }))).toMatch(/^json\.zip\/manifest\.json: not valid JSON/);
    // A zip named after the one folder it holds (what the drop zone sends for a folder) is called by the folder's name.
    expect(await importError(project.id, zip('corpus.zip', { 'corpus/a.txt': a }))).toMatch(/^corpus: no manifest\.json in the folder/);
    expect(await importError(project.id, zip('corpus.zip', { 'corpus/manifest.json': manifest([{ ...good, published: 'May 5' }]), 'corpus/a.txt': a }))).toBe(
      'corpus/manifest.json, record 1: field "published" must be a date, YYYY-MM-DD (it is "May 5")',
    );
    expect(await importError(project.id, zip('missing.zip', { 'c/manifest.json': manifest([good, { file: 'b.txt', title: 'B' }]), 'c/a.txt': a }))).toBe(
      'missing.zip/c/manifest.json, record 2: field "file": no file "b.txt" in the folder',
    );
    expect(await importError(project.id, zip('utf8.zip', { 'manifest.json': manifest([good]), 'a.txt': new Uint8Array([0x41, 0x0a, 0xc3, 0x28]) }))).toBe('utf8.zip/a.txt, line 2: not valid UTF-8');
    expect(await importError(project.id, zip('empty.zip', { 'manifest.json': manifest([good]), 'a.txt': strToU8('  \n') }))).toBe(
      'empty.zip/manifest.json, record 1: field "text" is only whitespace',
    );
    // Every bad record of the folder at once: a missing file, a bad field, bad UTF-8.
    const several = { 'manifest.json': manifest([good, { file: 'b.txt' }, { file: 'a.txt', published: '2022-02-30' }, { file: 'c.txt' }]), 'a.txt': a, 'c.txt': new Uint8Array([0xff]) };
    expect((await importError(project.id, zip('several.zip', several))).split('\n')).toEqual([
      'several.zip/manifest.json: 3 invalid records:',
      '- record 2: field "file": no file "b.txt" in the folder',
      '- record 3: field "published" is not a calendar date (it is "2022-02-30")',
      '- several.zip/c.txt, line 1: not valid UTF-8',
    ]);
    expect(await importError(project.id, zip('climb.zip', { 'manifest.json': manifest([good]), 'a.txt': a, '../evil.txt': a }))).toBe('climb.zip: the entry "../evil.txt" points outside the folder');
    expect(await importError(project.id, write('broken.zip', 'PK not really'))).toMatch(/^broken\.zip: not a zip file that can be read/);
    expect(await countArticles(project.id)).toBe(0);
  });
});

describe('zipCorpusFiles', () => {
  it('refuses a zip that declares more files or bytes than allowed before unpacking it', () => {
    const entries = { 'manifest.json': strToU8('{}'), 'a.txt': new Uint8Array(5_000), 'b.txt': new Uint8Array(5_000) };
    const bytes = zipSync(entries);
    expect(() => zipCorpusFiles(bytes, 'big.zip', { files: 10, bytes: 8_000 })).toThrow('big.zip: more than 8000 bytes once unpacked');
    expect(() => zipCorpusFiles(bytes, 'many.zip', { files: 2, bytes: 1e6 })).toThrow('many.zip: more than 2 files');
  });
});
