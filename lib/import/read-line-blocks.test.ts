import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { readLineBlocks } from './read-line-blocks';
import { decodeUtf8 } from './decode-utf8';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-lines-'));
const write = (name: string, bytes: Buffer | string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

/** Every line with its number, as a reader of the blocks sees them. */
async function lines(file: string, chunkBytes: number) {
  const out: [number, string][] = [];
  for await (const block of readLineBlocks(file, path.basename(file), { chunkBytes })) {
    const parts = block.text.split('\n');
    if (parts.at(-1) === '') parts.pop(); // the block's final line end
    parts.forEach((text, i) => out.push([block.firstLine + i, text]));
  }
  return out;
}

async function failure(file: string, chunkBytes: number) {
  const error = await lines(file, chunkBytes).then(() => null, (e) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).message;
}

describe('reading a file as blocks of whole lines', () => {
  const text = '\uFEFFfirst line\nCafé 🇦🇱 ë\n\nlast, without a line end';
  const expected: [number, string][] = [[1, 'first line'], [2, 'Café 🇦🇱 ë'], [3, ''], [4, 'last, without a line end']];

  it('gives the same lines and numbers whatever the chunk size, even when a chunk ends inside a character', async () => {
    const file = write('lines.txt', text);
    // 1-byte and 3-byte chunks cut every multi-byte character (é, the flag's 4-byte halves) apart.
    for (const chunkBytes of [1, 2, 3, 5, 7, 64, 1 << 20]) expect(await lines(file, chunkBytes)).toEqual(expected);
  });

  it('refuses bytes that are not UTF-8, naming their line, whichever chunk they fall in', async () => {
    const file = write('bad.jsonl', Buffer.concat([Buffer.from('ok\nalso ok\n'), Buffer.from([0x61, 0xff, 0x62, 0x0a]), Buffer.from('after\n')]));
    for (const chunkBytes of [1, 4, 1 << 20]) expect(await failure(file, chunkBytes)).toBe('bad.jsonl, line 3: not valid UTF-8');
  });

  it('says a file saved as UTF-16 (with its byte-order mark) is UTF-16, streamed or read whole', async () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"text": "a"}\n', 'utf16le')]);
    const utf16be = Buffer.from(utf16le.map((_, i) => utf16le[i ^ 1]));
    for (const [name, bytes] of [['le.jsonl', utf16le], ['be.jsonl', utf16be]] as const) {
      for (const chunkBytes of [1, 1 << 20]) expect(await failure(write(name, bytes), chunkBytes)).toBe(`${name}: saved as UTF-16; save it as UTF-8 and import it again`);
      expect(() => decodeUtf8(bytes, name)).toThrow(`${name}: saved as UTF-16; save it as UTF-8 and import it again`);
    }
  });

  it('refuses a file that ends in the middle of a character', async () => {
    const file = write('cut.jsonl', Buffer.concat([Buffer.from('ok\n'), Buffer.from('é').subarray(0, 1)]));
    expect(await failure(file, 1 << 20)).toBe('cut.jsonl, line 2: not valid UTF-8');
  });

  it('keeps a BOM that is not at the start of the file', async () => {
    const file = write('bom.txt', 'a\n\uFEFFb\n');
    expect(await lines(file, 2)).toEqual([[1, 'a'], [2, '\uFEFFb']]);
  });
});
