import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';
import { CsvRows, RowTooLong, isEmptyRow, type CsvRow } from './csv-rows';
import { FileProblems } from './file-problems';
import { readLineBlocks } from './read-line-blocks';
import type { ColumnMapping } from './column-mapping';
import { MAX_TEXT_LENGTH, toNewArticle } from './record';

/** A record this long cannot hold a valid text: one still open after this many characters is refused. */
const MAX_RECORD_CHARS = 4 * MAX_TEXT_LENGTH;

/**
 * A CSV file with a header line, parsed a slice at a time (CsvRows) and
 * validated record by record, in file order. Errors name the record and the
 * line it starts on. After the first invalid record no more are handed out
 * (the import will store nothing) but the rest is still checked, so that the
 * file's error lists every invalid record (FileProblems); a malformed line
 * ends the reading, since where a quote is wrong, where the next record
 * starts is a guess. Only a block of lines and a few records are in memory.
 */
export async function* readCsv(file: string, name: string, mapping: ColumnMapping, onBytes?: (read: number) => void): AsyncGenerator<NewArticle> {
  const problems = new FileProblems(name);
  const rows = new CsvRows(MAX_RECORD_CHARS);
  /** The column each field is read from, once the header is read. */
  let columns: [field: string, index: number][] | undefined;
  let headerColumns = 0;
  let records = 0;
  const articles = (batch: CsvRow[]): NewArticle[] => {
    const out: NewArticle[] = [];
    for (const row of batch) {
      if (isEmptyRow(row)) continue;
      if (!columns) {
        if (row.badQuotes) throw malformed(row, name, 0);
        columns = readHeader(row.fields, name, mapping);
        headerColumns = row.fields.length;
        continue;
      }
      if (row.badQuotes || row.fields.length !== headerColumns) throw malformed(row, name, headerColumns);
      records++;
      const raw: Record<string, string> = {};
      for (const [field, index] of columns) raw[field] = row.fields[index];
      try {
        const article = toNewArticle(raw, { file: name, record: records, line: row.line });
        if (!problems.any) out.push(article);
      } catch (e) {
        // Throws (ending the reading) only once the list is full.
        problems.add(e);
      }
    }
    return out;
  };
  try {
    for await (const text of texts(file, name, onBytes)) yield* articles(rows.push(text));
    yield* articles(rows.push('', true));
  } catch (e) {
    throw problems.stop(e instanceof RowTooLong ? tooLong(e.line, name, headerColumns) : e);
  }
  problems.finish();
}

/** The header's columns for the mapping's fields (the last of two columns of one name, as a record object would keep). */
function readHeader(header: string[], name: string, mapping: ColumnMapping): [string, number][] {
  if (header.every((h) => !h.trim())) {
    throw new AppError('BAD_REQUEST', `${name}, line 1: no column names (the first line must name the columns, e.g. ${Object.values(mapping).join(',')})`, { line: '1' });
  }
  return Object.entries(mapping).map(([field, column]) => {
    const index = header.lastIndexOf(column!);
    if (index === -1) {
      throw new AppError('BAD_REQUEST', `${name}: no column "${column}" for ${field} (columns: ${header.join(', ')})`, { [field]: `column "${column}" missing` });
    }
    return [field, index];
  });
}

/**
 * Text handed to the parser at once. Its records are parsed and validated
 * (normalised, hashed) in one go: a 1 MB block would keep Node busy for tens
 * of milliseconds while an import's database connection waits for its next
 * statement.
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

/** Where a row is malformed, named as the header (`headerColumns` 0) or by the line its record starts on. */
function where(line: number, name: string, headerColumns: number): string {
  return headerColumns === 0 ? `${name}, line 1 (the header)` : `${name}, line ${line}`;
}

/**
 * A row that cannot be read as a record. Where a quote is wrong, the parser
 * goes on to the next quote that could close it, which can be many lines
 * later: the error names the line the record starts on.
 */
function malformed(row: CsvRow, name: string, headerColumns: number): AppError {
  const fields = { line: String(row.line) };
  if (row.badQuotes) {
    return new AppError('BAD_REQUEST', `${where(row.line, name, headerColumns)}: malformed CSV: a quoted field ${headerColumns === 0 ? 'of the header' : 'of this record'} is not closed where it should be (a " missing, or a " inside it not doubled as "")`, fields);
  }
  return new AppError('BAD_REQUEST', `${where(row.line, name, headerColumns)}: malformed CSV: this record has ${row.fields.length} fields where the header has ${headerColumns} columns`, fields);
}

function tooLong(line: number, name: string, headerColumns: number): AppError {
  return new AppError('BAD_REQUEST', `${where(line, name, headerColumns)}: a record longer than ${MAX_RECORD_CHARS} characters (a quote left open?)`, { line: String(line) });
}
