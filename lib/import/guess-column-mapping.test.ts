import { describe, expect, it } from 'vitest';
import { guessColumnMapping, isDefaultLayout, readCsvHeader } from './guess-column-mapping';

describe('guessColumnMapping', () => {
  it('proposes fields from common column names, whatever their case and punctuation', () => {
    expect(guessColumnMapping(['ID', 'Headline', 'Source', 'Body', 'Published at', 'Link'])).toEqual({
      text: 'Body', title: 'Headline', outlet: 'Source', url: 'Link', published: 'Published at', externalId: 'ID',
    });
    expect(guessColumnMapping(['Body ID', 'articleBody'])).toEqual({ text: 'articleBody', externalId: 'Body ID' });
  });

  it('gives each column to one field at most, and leaves fields it cannot place', () => {
    expect(guessColumnMapping(['text', 'notes'])).toEqual({ text: 'text' });
    expect(guessColumnMapping(['a', 'b'])).toEqual({});
  });
});

describe('readCsvHeader', () => {
  it('reads the first record, quoted commas, a BOM and CRLF included', async () => {
    expect(await readCsvHeader(new Blob(['\uFEFFid,"Headline, short",body\r\n1,"x, y","z\r\nz"\r\n2,a,b\r\n']))).toEqual({
      columns: ['id', 'Headline, short', 'body'],
      sample: ['1', 'x, y', 'z\r\nz'],
    });
    // A first record cut off by the 64 KB read: the header alone.
    expect(await readCsvHeader(new Blob([`id,body\n1,"${'x'.repeat(70_000)}"\n`]))).toEqual({ columns: ['id', 'body'] });
    expect(isDefaultLayout(['Body ID', 'articleBody'])).toBe(true);
    expect(isDefaultLayout(['id', 'articleBody'])).toBe(false);
  });

  it('says what is wrong with a file that has no header', async () => {
    expect(await readCsvHeader(new Blob(['']))).toEqual({ error: 'the file is empty' });
    expect(await readCsvHeader(new Blob(['a,"b\n']))).toMatchObject({ error: expect.stringMatching(/^its first line is not a CSV header/) });
  });
});
