import { describe, expect, it } from 'vitest';
import { findUnstorableText, isUnstorableText } from './unstorable-text';

describe('unstorable text', () => {
  it('refuses U+0000 and lone surrogates, keeps every well-formed string', () => {
    expect(isUnstorableText('a\u0000b')).toBe(true);
    expect(isUnstorableText('\ud800')).toBe(true);
    expect(isUnstorableText('x\udfff')).toBe(true);
    expect(isUnstorableText('\udfff\ud800')).toBe(true);
    for (const ok of ['', 'plain', '🙂 emoji', '\u{10FFFF}', 'Tiranë', '\u202e', '\ufeff', '%00', '\\u0000']) expect(isUnstorableText(ok)).toBe(false);
  });

  it('names where the first one is, keys included', () => {
    expect(findUnstorableText({ note: 'fine', speaker: 'a\u0000' })).toBe('speaker');
    expect(findUnstorableText({ list: ['ok', { deep: '\ud83d' }] })).toBe('list.1.deep');
    expect(findUnstorableText({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(findUnstorableText('\u0000')).toBe('(body)');
    expect(findUnstorableText({ start: 1, label: 'assertion', note: null, exact: '🙂' })).toBeNull();
  });
});
