import { describe, expect, it } from 'vitest';
import { parseReaderHash, spanHref } from './location-hash';

describe('parseReaderHash', () => {
  it('reads span and offset targets', () => {
    expect(parseReaderHash('#span-cm1abc_2-x')).toEqual({ kind: 'span', id: 'cm1abc_2-x' });
    expect(parseReaderHash('#cp-0')).toEqual({ kind: 'offset', offset: 0 });
    expect(parseReaderHash('#cp-1234')).toEqual({ kind: 'offset', offset: 1234 });
  });

  it('reads a passage, and an empty or backwards one as its start alone', () => {
    expect(parseReaderHash('#cp-10-42')).toEqual({ kind: 'offset', offset: 10, end: 42 });
    expect(parseReaderHash('#cp-10-10')).toEqual({ kind: 'offset', offset: 10 });
    expect(parseReaderHash('#cp-10-3')).toEqual({ kind: 'offset', offset: 10 });
  });

  it('ignores anything else', () => {
    for (const hash of ['', '#', '#span-', '#cp-', '#cp--1', '#cp-1.5', '#cp-1-', '#cp-1-2-3', '#span-a b', '#other', 'span-a']) {
      expect(parseReaderHash(hash)).toBeNull();
    }
  });
});

describe('spanHref', () => {
  it('stays on the page for a span of the article on screen', () => {
    expect(spanHref('art1', 's1', 'art1')).toBe('#span-s1');
    expect(spanHref('art2', 's1', 'art1')).toBe('/articles/art2#span-s1');
  });
});
