import { Readable, pipeline } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';
import { FileProblems } from './file-problems';
import { readLineBlocks } from './read-line-blocks';
import type { ColumnMapping } from './column-mapping';
import { MAX_TEXT_LENGTH, toNewArticle } from './record';

/** A record this long cannot hold a valid text; csv-parse stops buffering it there. */
const MAX_RECORD_CHARS = 4 * MAX_TEXT_LENGTH;

/**
 * A CSV file with a header line, parsed by csv-parse's streaming parser and
 * validated record by record, in file order. Errors name the record and the
 * line it starts on. After the first invalid record no more are handed out
 * (the import will store nothing) but the rest is still checked, so that the
 * file's error lists every invalid record (FileProblems); a malformed line
 * ends the reading, since csv-parse cannot tell where the next record starts.
 * Only a block of lines and a few records are in memory.
 */
export async function* readCsv(file: string, name: string, mapping: ColumnMapping, onBytes?: (read: number) => void): AsyncGenerator<NewArticle> {
  // The header is line 1; a record starts on the line after the previous one
  // ends (csv-parse reports where a record ends), past any empty lines.
  let lastEnd = 1;
  let lastEmpty = 0;
  /** The line the next record starts on, given the parser's count of empty lines so far. */
  const nextStart = (emptyLines: number) => lastEnd + 1 + (emptyLines - lastEmpty);
  const problems = new FileProblems(name);
  let headerColumns = 0;
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: false,
    max_record_size: MAX_RECORD_CHARS,
    columns: (header: string[]) => {
      if (header.every((h) => !h.trim())) {
        throw new AppError('BAD_REQUEST', `${name}, line 1: no column names (the first line must name the columns, e.g. ${Object.values(mapping).join(',')})`, { line: '1' });
      }
      for (const [field, column] of Object.entries(mapping)) {
        if (!header.includes(column!)) {
          throw new AppError('BAD_REQUEST', `${name}: no column "${column}" for ${field} (columns: ${header.join(', ')})`, { [field]: `column "${column}" missing` });
        }
      }
      headerColumns = header.length;
      return header;
    },
    // Validation runs inside the parser, so an invalid record is reported
    // before any malformed line after it: errors come in file order.
    on_record: (record: Record<string, string>, context) => {
      const line = nextStart(context.empty_lines);
      lastEnd = context.lines;
      lastEmpty = context.empty_lines;
      const raw = Object.fromEntries(Object.entries(mapping).map(([field, column]) => [field, record[column!]]));
      try {
        const article = toNewArticle(raw, { file: name, record: context.records, line });
        return problems.any ? null : article;
      } catch (e) {
        // Throws (ending the parse) only once the list is full; null skips the record.
        problems.add(e);
        return null;
      }
    },
  });
  // Errors of any stage (bad UTF-8 from the reader, a parse error, an invalid
  // record) reach the loop below through the parser.
  pipeline(Readable.from(texts(file, name, onBytes), { highWaterMark: 1 }), parser, () => {});
  // Where the record csv-parse gave up on starts: after the last one read and the empty lines since.
  const recordStart = (e: CsvError) => (headerColumns === 0 ? 1 : nextStart(typeof e.empty_lines === 'number' ? e.empty_lines : lastEmpty));
  try {
    for await (const article of parser) yield article as NewArticle;
  } catch (e) {
    throw problems.stop(e instanceof AppError ? e : malformed(e as CsvError, name, recordStart(e as CsvError), headerColumns));
  }
  problems.finish();
}

/**
 * Text handed to the parser at once. csv-parse parses and validates (in
 * on_record) all of what it is given in one go: a 1 MB block would keep Node
 * busy for tens of milliseconds while an import's database connection waits
 * for its next statement.
 */
const PARSE_SLICE_CHARS = 64 * 1024;

/** The file's text in slices of about PARSE_SLICE_CHARS, each ending at a line end (never inside a character). */
async function* texts(file: string, name: string, onBytes?: (read: number) => void) {
  for await (const { text } of readLineBlocks(file, name, { onBytes })) {
    let start = 0;
    while (start < text.length) {
      const lineEnd = text.indexOf('\n', start + PARSE_SLICE_CHARS);
      const end = lineEnd === -1 ? text.length : lineEnd + 1;
      yield text.slice(start, end);
      start = end;
    }
  }
}

/**
 * A line csv-parse could not read, named by where its record starts: where
 * the parser gave up can be many lines later (a quote left open swallows the
 * lines after it until the next quote, or the end of the file).
 */
function malformed(e: CsvError, name: string, recordStart: number, headerColumns: number): AppError {
  const where = headerColumns === 0 ? `${name}, line 1 (the header)` : `${name}, line ${recordStart}`;
  const fields = { line: String(recordStart) };
  switch (e.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return new AppError('BAD_REQUEST', `${where}: a record longer than ${MAX_RECORD_CHARS} characters (a quote left open?)`, fields);
    case 'CSV_QUOTE_NOT_CLOSED':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new AppError('BAD_REQUEST', `${where}: malformed CSV: a quoted field ${headerColumns === 0 ? 'of the header' : 'of this record'} is not closed where it should be (a " missing, or a " inside it not doubled as "")`, fields);
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return new AppError('BAD_REQUEST', `${where}: malformed CSV: this record has ${Array.isArray(e.record) ? `${e.record.length} fields` : 'another number of fields'} where the header has ${headerColumns} columns`, fields);
    default:
      return new AppError('BAD_REQUEST', `${where}: malformed CSV (${e.message})`, fields);
  }
}
