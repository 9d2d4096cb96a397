import 'server-only';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const SPECIAL = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * A value as COPY's text format reads it: `\N` is NULL; a backslash, tab or
 * line end inside a value is escaped, so only the separators we write are
 * separators.
 */
export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return typeof value === 'number' ? String(value) : value.replace(SPECIAL, (c) => ESCAPED[c]);
}

/** One row of COPY text: fields made with copyField, tab-separated, line-terminated. */
export const copyLine = (fields: string[]) => `${fields.join('\t')}\n`;

/**
 * Bytes per CopyData message: each chunk is one message, so chunks much
 * smaller cost framing and writes, much larger only hold memory.
 */
const CHUNK_CHARS = 64 * 1024;

/** Lines joined into chunks of about CHUNK_CHARS, pulled one at a time. */
async function* chunked(lines: Iterable<string> | AsyncIterable<string>) {
  let chunk = '';
  for await (const line of lines) {
    chunk += line;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * `COPY table (columns) FROM STDIN` on `client`, from lines made with
 * copyLine, as one statement: PostgreSQL stores rows while later lines are
 * still being made, and `lines` is only pulled as fast as PostgreSQL takes
 * them (backpressure), so the rows in memory are a few chunks' worth. On the
 * connection of a transaction (lib/db/client.ts, transactionConnection), the
 * rows are part of it. Resolves with the number of rows once PostgreSQL has
 * stored them all; a failing row rejects with PostgreSQL's error (its `code`
 * is the SQLSTATE) and leaves the transaction aborted.
 *
 * `table` and `columns` are identifiers written by our code, never input.
 */
export async function copyRows(client: pg.ClientBase, table: string, columns: string[], lines: Iterable<string> | AsyncIterable<string>): Promise<number> {
  const sink = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunked(lines), { objectMode: false, highWaterMark: CHUNK_CHARS }), sink);
  return sink.rowCount;
}
