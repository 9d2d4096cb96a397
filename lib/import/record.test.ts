import { describe, expect, it } from 'vitest';
import { toNewArticle } from './record';

const origin = { file: 'doccano.jsonl', line: 3 };
const text = 'Tehran denied it 👍🏽. Tirana said Iran did it.';
const at = (s: string) => Array.from(text.slice(0, text.indexOf(s))).length;
const span = (s: string) => [at(s), at(s) + Array.from(s).length] as const;
const error = (raw: unknown) => {
  try {
    toNewArticle(raw, origin);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the record to be refused');
};

describe('spans in doccano records', () => {
  it('reads [start, end, label] triples under "label" (sequence-labelling export) and under "entities"', () => {
    const [s, e] = span('Iran did it');
    const [ds, de] = span('denied it 👍🏽');
    for (const key of ['label', 'entities']) {
      const article = toNewArticle({ text, [key]: [[s, e, 'ASSERTION'], [ds, de, 'denial']] }, origin);
      expect(article.spans).toEqual([
        { start: s, end: e, label: 'assertion', speaker: null, note: null },
        { start: ds, end: de, label: 'denial', speaker: null, note: null },
      ]);
    }
  });

  it('reads entity objects with speaker and note', () => {
    const [s, e] = span('Iran did it');
    const article = toNewArticle({ text, entities: [{ start_offset: s, end_offset: e, label: 'Evidence', speaker: 'Tirana', note: 'n' }] }, origin);
    expect(article.spans).toEqual([{ start: s, end: e, label: 'evidence', speaker: 'Tirana', note: 'n' }]);
  });

  it('refuses document labels, unknown tags and malformed spans, naming line and field', () => {
    expect(error({ text, label: ['sports'] })).toBe('doccano.jsonl, line 3: field "label.0" is a document label; Crosscheck imports spans, as [start, end, label] or {start_offset, end_offset, label} (it is "sports")');
    expect(error({ text, label: [[0, 6, 'CLAIM']] })).toBe('doccano.jsonl, line 3: field "label.0.label" must be one of assertion, denial, evidence (any case)');
    expect(error({ text, entities: [[0, 6]] })).toMatch(/^doccano\.jsonl, line 3: field "entities\.0" must be \[start, end, label\]/);
    // The values themselves are named, so the offending triple can be found in the file.
    expect(error({ text, label: [[5, 500, 'denial']] })).toBe(
      `doccano.jsonl, line 3: field "label.0.end_offset" is 500: it must be after start_offset (5) and at most ${Array.from(text).length}, the text's length in code points`,
    );
    expect(error({ text, entities: [[0, 6, 'denial']], label: [[0, 6, 'denial']] })).toMatch(/field "label" gives spans as well as "entities"/);
  });

  it('quotes the bad value of a field, cut short, but never the body', () => {
    expect(error({ text, published: 'May 5' })).toBe('doccano.jsonl, line 3: field "published" must be a date, YYYY-MM-DD (it is "May 5")');
    expect(error({ text, title: `${'x'.repeat(1000)}y` })).toMatch(/^doccano\.jsonl, line 3: field "title" .+ \(it is "x{40}…"\)$/);
    expect(error({ text: ' \n ' })).toBe('doccano.jsonl, line 3: field "text" is only whitespace');
  });

  it('titles a body without one by its first line, cut between words with an ellipsis', () => {
    const line = 'A Iraqi soldier has been killed by ISIS fighters near the town of Tikrit, the military said on Sunday, mentions a question from reporters';
    const title = toNewArticle({ text: `${line}\nSecond line.` }, origin).title;
    expect(title).toBe('A Iraqi soldier has been killed by ISIS fighters near the town of Tikrit, the military said on Sunday, mentions a…');
    expect(Array.from(title).length).toBeLessThanOrEqual(120);
    expect(toNewArticle({ text: 'Short first line.\nMore.' }, origin).title).toBe('Short first line.');
    // Emoji at the cut are never split in half.
    expect(toNewArticle({ text: '😀'.repeat(100) }, origin).title).toMatch(/^(😀)+…$/u);
  });

  it('says plainly that the text is missing or not text', () => {
    expect(error({ title: 'No body' })).toBe('doccano.jsonl, line 3: field "text" is missing');
    expect(error({ text: 42 })).toBe('doccano.jsonl, line 3: field "text" must be text');
  });

  it('words length and type problems for people, not as schema messages, and takes a number as an id', () => {
    expect(error({ text, title: 'x'.repeat(1001) })).toMatch(/^doccano\.jsonl, line 3: field "title" is longer than 1000 characters \(it is "x{40}…"\)$/);
    expect(error({ text, outlet: ['BBC'], published: 12 })).toBe('doccano.jsonl, line 3: field "outlet" must be text; field "published" must be a date as text, YYYY-MM-DD');
    expect(toNewArticle({ text, externalId: 5 }, origin).externalId).toBe('5');
    expect(toNewArticle({ text, external_id: 7 }, origin).externalId).toBe('7');
  });

  it('a record without spans has none', () => {
    expect(toNewArticle({ text, label: [] }, origin).spans).toBeUndefined();
  });
});
