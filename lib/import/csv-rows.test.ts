import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { CsvRows, RowTooLong, isEmptyRow, type CsvRow } from './csv-rows';

/** The rows of `pieces` read one after the other, the last ending the file. */
function read(pieces: string[], maxRowChars = 1_000_000): CsvRow[] {
  const rows = new CsvRows(maxRowChars);
  return [...pieces.flatMap((p) => rows.push(p)), ...rows.push('', true)].filter((r) => !isEmptyRow(r));
}

/** `text` cut at the given places. */
const cut = (text: string, at: number[]) => {
  const points = [...new Set(at.map((a) => a % (text.length + 1)))].sort((a, b) => a - b);
  return [...points, text.length].map((p, i) => text.slice(i === 0 ? 0 : points[i - 1], p));
};

describe('CsvRows', () => {
  it('gives each row the line it starts on, counting line ends inside quoted fields and empty lines', () => {
    const text = 'Body ID,articleBody\n1,"Two\nlines."\n\n2,"Say ""no"", then\r\nyes"\n3,plain\n';
    expect(read([text]).map((r) => [r.line, r.fields])).toEqual([
      [1, ['Body ID', 'articleBody']],
      [2, ['1', 'Two\nlines.']],
      [5, ['2', 'Say "no", then\r\nyes']],
      [7, ['3', 'plain']],
    ]);
  });

  it('reads CRLF and CR line ends, taking the first line end of the file as the one', () => {
    expect(read(['a,b\r\n1,"x\r\ny"\r\n2,z']).map((r) => [r.line, r.fields])).toEqual([[1, ['a', 'b']], [2, ['1', 'x\r\ny']], [4, ['2', 'z']]]);
    expect(read(['a,b\r1,"x\ry"\r2,z\r']).map((r) => [r.line, r.fields])).toEqual([[1, ['a', 'b']], [2, ['1', 'x\ry']], [4, ['2', 'z']]]);
  });

  it('reads emoji and combining marks as they are', () => {
    expect(read(['t\n"🇦🇱 Cafe\u0301, 👩🏽‍💻"\n']).map((r) => r.fields)).toEqual([['t'], ['🇦🇱 Cafe\u0301, 👩🏽‍💻']]);
  });

  it('names a quoted field left open or closed in the wrong place, on the line its row starts', () => {
    const open = read(['a,b\n1,x\n2,"never closed\n3,y\n']);
    expect(open.at(-1)).toMatchObject({ line: 3, badQuotes: true });
    const stray = read(['a,b\n1,"x"y\n2,z\n']);
    expect(stray[1]).toMatchObject({ line: 2, badQuotes: true });
    expect(read(['a,b\n1,x\n'])[1]).not.toHaveProperty('badQuotes');
  });

  it('refuses a row still open after maxRowChars, naming where it starts, before reading on', () => {
    const rows = new CsvRows(100);
    expect(rows.push('a,b\n1,x\n')).toHaveLength(2);
    const error = (() => {
      try {
        rows.push(`2,"${'y'.repeat(60)}\n`);
        rows.push(`${'y'.repeat(60)}\n`);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RowTooLong);
    expect((error as RowTooLong).line).toBe(3);
  });

  it('reads any text, malformed too, the same way whole or cut into pieces', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '🇦🇱'), maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (text, at) => {
        const whole = read([text]);
        expect(read(cut(text, at))).toEqual(whole);
        const lines = whole.map((r) => r.line);
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
        expect(lines.every((l) => l >= 1)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the same rows and lines however the text is cut into pieces', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'é', '🇦🇱', 'e\u0301', ',', '"', '\n', '\r\n', ' '), maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(field, field), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 6 }),
        (records, newline, at) => {
          const lines = records.map((r) => stringify([r], { record_delimiter: newline, quoted_match: /[\r\n",]/ }).slice(0, -newline.length));
          const text = ['h1,h2', ...lines].join(newline) + newline;
          // The header is line 1; each row starts on the line after the previous one ends.
          const starts = [1, 2];
          for (const l of lines.slice(0, -1)) starts.push(starts.at(-1)! + 1 + (l.match(/\n/g)?.length ?? 0));
          const expected = [['h1', 'h2'], ...records].map((fields, i) => ({ fields, line: starts[i] }));
          expect(read(cut(text, at))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
