import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonBytes } from './json-bytes';

const written = (write: (out: JsonBytes) => void) => {
  const out = new JsonBytes();
  write(out);
  return Buffer.concat(out.flush()).toString('utf8');
};

// Strings PostgreSQL can hold (no NUL) and UTF-8 can encode (no lone surrogates).
const storable = fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0001', '\u001f', '\u007f', '\u2028', '\u2029', '👩‍💻', 'é', 'e\u0301', '🇦🇱'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) })
  .map((s) => s.replace(/\u0000/g, ''));

describe('JsonBytes', () => {
  it('escapes UTF-8 text exactly as JSON.stringify escapes the string', () => {
    fc.assert(
      fc.property(storable, (s) => {
        const utf8 = Buffer.from(`xx${s}yy`);
        expect(written((out) => out.escaped(utf8, 2, utf8.length - 2))).toBe(JSON.stringify(s).slice(1, -1));
      }),
      { numRuns: 500 },
    );
  });

  it('writes every control character as JSON.stringify does', () => {
    const all = Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c)).join('');
    const utf8 = Buffer.from(all);
    expect(written((out) => out.escaped(utf8, 0, utf8.length))).toBe(JSON.stringify(all).slice(1, -1));
  });

  it('writes timestamps as toISOString does', () => {
    const edges = [0, -1, 951_782_400_000 /* 2000-02-29 */, 253_402_300_799_999 /* 9999-12-31T23:59:59.999 */, -62_167_219_200_000 /* 0000-01-01 */, 1_795_256_147_517];
    for (const ms of edges) expect(written((out) => out.isoTime(ms))).toBe(new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(written((out) => out.isoTime(ms))).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
    // Outside years 0–9999 toISOString writes a sign and six digits.
    expect(written((out) => out.isoTime(-62_167_219_200_001))).toBe(new Date(-62_167_219_200_001).toISOString());
    expect(written((out) => out.isoTime(253_402_300_800_000))).toBe(new Date(253_402_300_800_000).toISOString());
  });

  it('writes numbers as JSON.stringify does', () => {
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.double({ noNaN: true, noDefaultInfinity: true })), (n) => {
      expect(written((out) => out.num(n))).toBe(JSON.stringify(n));
    }));
  });

  it('hands over chunks of about 64 KB that together are everything written', () => {
    const out = new JsonBytes();
    const piece = Buffer.from('{"a":"é 👩‍💻"},');
    let expected = '';
    const chunks: Buffer[] = [];
    for (let i = 0; i < 20_000; i++) {
      out.raw(piece);
      out.str('ü');
      expected += '{"a":"é 👩‍💻"},ü';
      chunks.push(...out.take());
    }
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c.length).toBeGreaterThanOrEqual(64 * 1024);
    for (const c of chunks) expect(c.length).toBeLessThan(64 * 1024 + 4096);
    chunks.push(...out.flush());
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
  });
});
