import fs from 'node:fs';
import { AppError } from '@/lib/errors';
import { firstInvalidUtf8Line, notUtf8 } from './decode-utf8';
import { megabytes } from './megabytes';

/** Whole lines of a file, decoded; `firstLine` is the 1-based number of the first of them. */
export type LineBlock = { text: string; firstLine: number };

const CHUNK_BYTES = 1 << 20;

/**
 * No line of a valid file comes near this: a record's text is at most
 * MAX_TEXT_LENGTH characters, 12 MB even if every one is a JSON \u escape. A
 * file without line ends is refused here instead of being held in memory.
 */
export const MAX_LINE_BYTES = 32 << 20;

/**
 * Reads a file as UTF-8, a chunk at a time, and yields the complete lines of
 * each chunk as one string (a line cut by the chunk's end is completed by the
 * next). Memory stays at a chunk and one line, whatever the file's size.
 * Decoding is strict: a file with bytes that are not UTF-8 is refused, naming
 * the line, never guessed at. A leading BOM is dropped.
 */
export async function* readLineBlocks(file: string, name: string, opts: { chunkBytes?: number; onBytes?: (read: number) => void } = {}): AsyncGenerator<LineBlock> {
  // One decoder for the whole file: it drops the BOM only at the start. Every
  // block ends with a line end (or the file's end), so no character is ever
  // split between two blocks.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  const decode = (bytes: Buffer, last: boolean): LineBlock => {
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: !last });
    } catch {
      throw notUtf8(name, firstInvalidUtf8Line(bytes, line), line === 1 ? bytes : undefined);
    }
    const block = { text, firstLine: line };
    line += countLineEnds(text);
    return block;
  };

  let carry: Buffer[] = []; // the start of a line that continues in the next chunk
  let carryBytes = 0;
  let read = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: opts.chunkBytes ?? CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    read += chunk.length;
    opts.onBytes?.(read);
    const end = chunk.lastIndexOf(0x0a) + 1;
    if (end === 0) {
      carry.push(chunk);
      carryBytes += chunk.length;
      if (carryBytes > MAX_LINE_BYTES) {
        throw new AppError('BAD_REQUEST', `${name}, line ${line}: longer than ${megabytes(MAX_LINE_BYTES)}`, { line: String(line) });
      }
      continue;
    }
    const head = carry.length ? Buffer.concat([...carry, chunk.subarray(0, end)]) : chunk.subarray(0, end);
    carry = end < chunk.length ? [chunk.subarray(end)] : [];
    carryBytes = chunk.length - end;
    yield decode(head, false);
  }
  if (carryBytes > 0) yield decode(Buffer.concat(carry), true);
}

function countLineEnds(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

