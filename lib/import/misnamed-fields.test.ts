import { describe, expect, it } from 'vitest';
import { misnamedFields } from './misnamed-fields';
import { articleRecord, toNewArticle } from './record';

const FIELDS = Object.keys(articleRecord.shape);

describe('misnamedFields', () => {
  it('names keys meant for a field the record does not give, by case or by another tool\'s name', () => {
    expect(misnamedFields({ Title: 'x', text: 'y', pubDate: '2022-09-07', Source: 'BBC', id: 4, Relations: [] }, FIELDS)).toEqual([
      ['Title', 'title'],
      ['pubDate', 'published'],
      ['Source', 'outlet'],
      ['Relations', 'relations'],
    ]);
    // Given under its own name as well: nothing to say.
    expect(misnamedFields({ title: 'x', Title: 'y', date: 'z', published: '2022-09-07', text: 't' }, FIELDS)).toEqual([]);
    expect(misnamedFields({ ExternalID: 'a', external_id: 'b', text: 't' }, FIELDS)).toEqual([]);
    expect(misnamedFields([1, 2], FIELDS)).toEqual([]);
  });

  it('travels with the article, and turns "text is missing" into a question when the record has "body"', () => {
    expect(toNewArticle({ Title: 'x', text: 'y' }, { file: 'a.jsonl', line: 1 }).misnamed).toEqual([['Title', 'title']]);
    expect(toNewArticle({ title: 'x', text: 'y' }, { file: 'a.jsonl', line: 1 }).misnamed).toBeUndefined();
    expect(() => toNewArticle({ title: 'x', body: 'y' }, { file: 'a.jsonl', line: 2 })).toThrow('a.jsonl, line 2: field "text" is missing (the record has "body": is that it?)');
  });
});
