import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BinaryCopyRows } from './binary-copy-rows';

// COPY … TO STDOUT (FORMAT binary) as PostgreSQL writes it, for rows of
// (text, int4, timestamp, text-or-NULL).
type Row = [string, number, number, string | null];
const PG_EPOCH_MS = 946_684_800_000;

function encode(rows: Row[]): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  const field = (b: Buffer | null) => {
    const length = Buffer.alloc(4);
    length.writeInt32BE(b === null ? -1 : b.length);
    parts.push(length);
    if (b) parts.push(b);
  };
  for (const [t, n, ms, maybe] of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(4);
    parts.push(count);
    field(Buffer.from(t));
    const int = Buffer.alloc(4);
    int.writeInt32BE(n);
    field(int);
    const ts = Buffer.alloc(8);
    ts.writeBigInt64BE(BigInt(ms - PG_EPOCH_MS) * 1000n);
    field(ts);
    field(maybe === null ? null : Buffer.from(maybe));
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  parts.push(trailer);
  return Buffer.concat(parts);
}

function decode(chunks: Buffer[]) {
  const rows = new BinaryCopyRows(4);
  const out: Row[] = [];
  for (const c of chunks) {
    rows.push(c);
    while (rows.next()) out.push([rows.text(0), rows.int(1), rows.epochMs(2), rows.isNull(3) ? null : rows.text(3)]);
  }
  return { out, ended: rows.ended };
}

const rowArb = fc.tuple(
  fc.string({ unit: 'grapheme' }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
  fc.option(fc.string({ unit: 'grapheme' })),
);

describe('BinaryCopyRows', () => {
  it('reads the rows whatever the chunks cut them at', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 8 }), (rows, cuts) => {
        const data = encode(rows);
        const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i) => data.subarray(from, [...at, data.length][i]));
        const { out, ended } = decode(chunks);
        expect(out).toEqual(rows);
        expect(ended).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a stream cut into single bytes, and does not end before the trailer', () => {
    const rows: Row[] = [['👩‍💻 "x"', 7, 1_795_256_147_517, null], ['', -1, 0, 'é']];
    const data = encode(rows);
    const bytes = Array.from({ length: data.length }, (_, i) => data.subarray(i, i + 1));
    expect(decode(bytes)).toEqual({ out: rows, ended: true });
    expect(decode(bytes.slice(0, -1)).ended).toBe(false);
  });

  it('compares a column with bytes without decoding it', () => {
    const rows = new BinaryCopyRows(4);
    rows.push(encode([['abc', 1, 0, null]]));
    expect(rows.next()).toBe(true);
    expect(rows.same(0, Buffer.from('abc'))).toBe(true);
    expect(rows.same(0, Buffer.from('abd'))).toBe(false);
    expect(rows.same(0, Buffer.from('ab'))).toBe(false);
  });
});
