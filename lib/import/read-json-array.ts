import fs from 'node:fs';
import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';
import { firstInvalidUtf8Line, notUtf8 } from './decode-utf8';
import { FileProblems } from './file-problems';
import { isLabelStudioTask, labelStudioRecord, taskPath } from './label-studio-task';
import { toNewArticle } from './record';

const CHUNK_BYTES = 1 << 20;

/**
 * A .json file holding a list: Label Studio's JSON export (tasks, see
 * label-studio-task.ts) or article records as JSON Lines gives them one a
 * line. Streamed with @streamparser/json: one element at a time is held,
 * whatever the file's size (Label Studio writes its export on one line, so
 * it cannot be read by lines). Strict UTF-8 as everywhere. Errors name the
 * record (the element's place in the list, from 1) and the line it starts
 * on; like the other readers, after a bad record it hands out nothing more
 * but checks the rest (FileProblems).
 */
export async function* readJsonArray(file: string, name: string, onBytes?: (read: number) => void): AsyncGenerator<NewArticle> {
  const problems = new FileProblems(name);
  const lines = lineCounter();
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ['$.*'], keepStack: false });
  let depth = 0;
  let started = false;
  let elementLine = 1;
  const ready: NewArticle[] = [];
  tokenizer.onToken = (t) => {
    if (!started) {
      started = true;
      if (t.token !== TokenType.LEFT_BRACKET) throw notAList(name);
    }
    if (t.token === TokenType.LEFT_BRACE || t.token === TokenType.LEFT_BRACKET) {
      if (depth === 1) elementLine = lines.at(t.offset);
      depth++;
    } else if (t.token === TokenType.RIGHT_BRACE || t.token === TokenType.RIGHT_BRACKET) depth--;
    else if (depth === 1 && t.token !== TokenType.COMMA) elementLine = lines.at(t.offset);
    parser.write(t);
  };
  parser.onValue = ({ value, key }) => {
    const origin = { file: name, record: Number(key) + 1, line: elementLine };
    try {
      const article = isLabelStudioTask(value)
        ? (() => {
            const { record, paths } = labelStudioRecord(value);
            return toNewArticle(record, origin, (p) => taskPath(paths, p));
          })()
        : toNewArticle(value, origin);
      if (!problems.any) ready.push(article);
    } catch (e) {
      problems.add(e);
    }
  };

  const decoder = new TextDecoder('utf-8', { fatal: true });
  let read = 0;
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      let bytes: Buffer = chunk;
      try {
        decoder.decode(bytes, { stream: true });
      } catch {
        throw notUtf8(name, lines.lineOfBadUtf8(bytes), read === 0 ? bytes : undefined);
      }
      // The byte-order mark some editors write is not JSON.
      if (read === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      read += chunk.length;
      onBytes?.(read);
      lines.add(bytes);
      try {
        tokenizer.write(bytes);
      } catch (e) {
        throw syntaxError(e, name, lines);
      }
      yield* ready.splice(0);
    }
    try {
      decoder.decode();
    } catch {
      throw notUtf8(name, lines.line());
    }
    // An empty file (or only spaces) has no articles, as an empty .jsonl: the summary says so.
    if (!started) return;
    try {
      tokenizer.end();
    } catch (e) {
      throw syntaxError(e, name, lines);
    }
    yield* ready.splice(0);
  } catch (e) {
    throw problems.stop(e);
  }
  problems.finish();
}

function notAList(name: string): AppError {
  return new AppError(
    'BAD_REQUEST',
    `${name}: a .json file to import holds a list, [ … ], of articles or Label Studio tasks (one article per line is .jsonl; a page's details go in a .json named as its .txt)`,
    { file: 'not a list' },
  );
}

/** The parser's complaint ('Unexpected "x" at … (absolute position "32") …'), with the line it is on. */
function syntaxError(e: unknown, name: string, lines: ReturnType<typeof lineCounter>): AppError {
  if (e instanceof AppError) return e;
  const message = (e as Error).message;
  const at = /absolute position "(\d+)"/.exec(message);
  const line = at ? lines.at(Number(at[1])) : lines.line();
  const what = /^Unexpected "(.*?)"/.exec(message);
  const why = what ? `unexpected "${what[1]}"` : /ended in (mid-parsing|the middle)/.test(message) ? 'the file ends inside a value (cut short?)' : message;
  return new AppError('BAD_REQUEST', `${name}, line ${line}: not valid JSON (${why})`, { line: String(line) });
}

/**
 * Lines of the bytes seen so far, by byte offset (the tokenizer's offsets,
 * which count from after a byte-order mark). Offsets asked for only grow, so
 * each byte is scanned once; the bytes behind the last offset asked for are
 * let go.
 */
function lineCounter() {
  const chunks: { start: number; bytes: Uint8Array }[] = [];
  let end = 0; // offset after the last byte added
  let scanned = 0; // offset up to which line ends are counted
  let line = 1;
  return {
    add(bytes: Uint8Array) {
      chunks.push({ start: end, bytes });
      end += bytes.length;
    },
    /** The line of byte `offset` (or of the last byte seen, if it is past them). */
    at(offset: number): number {
      const target = Math.min(offset, end);
      while (scanned < target && chunks.length) {
        const c = chunks[0];
        const stop = Math.min(target, c.start + c.bytes.length);
        for (let i = scanned - c.start; i < stop - c.start; i++) if (c.bytes[i] === 0x0a) line++;
        scanned = stop;
        if (scanned === c.start + c.bytes.length && chunks.length > 1) chunks.shift();
        else break;
      }
      return line;
    },
    line(): number {
      return this.at(end);
    },
    /** The line, in a chunk not yet added, of its first byte that is not UTF-8. */
    lineOfBadUtf8(bytes: Uint8Array): number {
      // Continuation bytes at its start end a character the chunk before began (and the streaming decoder checked).
      let from = 0;
      while (from < 3 && (bytes[from] & 0xc0) === 0x80) from++;
      return firstInvalidUtf8Line(bytes.subarray(from), this.at(end));
    },
  };
}
