import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { formatColumnMapping, parseColumnMapping } from './column-mapping';

const error = (spec: string) => {
  try {
    parseColumnMapping(spec, 'map');
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).message;
  }
  throw new Error(`"${spec}" was accepted`);
};

describe('parseColumnMapping', () => {
  it('reads field=column pairs, trimming spaces; a column may hold "="', () => {
    expect(parseColumnMapping(' text = Body , title=Head=line,externalId=Body ID', 'map')).toEqual({ text: 'Body', title: 'Head=line', externalId: 'Body ID' });
  });

  it('refuses unknown fields, empty columns, a field twice and a mapping without text, naming what is wrong', () => {
    expect(error('text=body,colour=red')).toBe('map: "colour=red" is not field=column (fields: text, title, outlet, url, author, published, externalId)');
    expect(error('text=')).toMatch(/"text=" is not field=column/);
    expect(error('text=a,text=b')).toBe('map: text is mapped twice');
    expect(error('title=headline')).toBe('map: name the column that holds the text (text=<column>)');
  });

  it('formats what it parses', () => {
    const mapping = { text: 'articleBody', outlet: 'Source', externalId: 'Body ID' };
    expect(parseColumnMapping(formatColumnMapping(mapping), 'map')).toEqual(mapping);
  });
});
