import { describe, expect, it } from 'vitest';
import { copyField, copyLine } from './copy-rows';

describe('copyField', () => {
  it('escapes what COPY text format would read as a separator, an escape or NULL', () => {
    expect(copyField('tab\there, line\nend, CR\r, back\\slash')).toBe('tab\\there, line\\nend, CR\\r, back\\\\slash');
    expect(copyField('\\N')).toBe('\\\\N'); // the two characters, not NULL
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(42)).toBe('42');
    expect(copyField('Rama 🇦🇱 said “no”.')).toBe('Rama 🇦🇱 said “no”.');
  });

  it('makes one line per row', () => {
    expect(copyLine(['a', copyField('b\tc'), copyField(null)])).toBe('a\tb\\tc\t\\N\n');
  });
});
