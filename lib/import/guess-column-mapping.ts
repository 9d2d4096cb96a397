import { DEFAULT_CSV_MAPPING_COLUMNS } from './default-csv-mapping';
import { MAPPABLE_FIELDS, type ColumnMapping, type MappableField } from './column-mapping';
import { CsvRows, isEmptyRow } from './csv-rows';

// Client-safe: the import form reads a dropped CSV's header and proposes a
// mapping before uploading; the server checks the mapping again.

/** Column names (lower case, letters and digits only) each field is guessed from, best first. */
const NAMES: Record<MappableField, string[]> = {
  text: ['text', 'articlebody', 'body', 'content', 'fulltext', 'article', 'story'],
  title: ['title', 'headline', 'heading'],
  outlet: ['outlet', 'source', 'publisher', 'publication', 'site', 'newspaper'],
  url: ['url', 'link', 'href', 'uri'],
  author: ['author', 'authors', 'byline', 'writer'],
  published: ['published', 'publishedat', 'date', 'pubdate', 'publicationdate', 'datepublished'],
  externalId: ['externalid', 'bodyid', 'id', 'articleid', 'docid', 'documentid'],
};

const key = (column: string) => column.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** A mapping proposed from column names; each column fills at most one field. */
export function guessColumnMapping(columns: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const field of MAPPABLE_FIELDS) {
    for (const name of NAMES[field]) {
      const column = columns.find((c) => !used.has(c) && key(c) === name);
      if (column !== undefined) {
        mapping[field] = column;
        used.add(column);
        break;
      }
    }
  }
  return mapping;
}

/** Whether a header is the FNC-1 bodies layout, which imports without a mapping. */
export const isDefaultLayout = (columns: string[]) => DEFAULT_CSV_MAPPING_COLUMNS.every((c) => columns.includes(c));

/** How much of a file is read for its header: a header longer than this is not a CSV we can map. */
const HEADER_BYTES = 64 * 1024;

/** A CSV file's header, and its first record when it fits in what is read (to show beside each column). */
export type CsvHead = { columns: string[]; sample?: string[] };

/** The column names of a CSV file's first record (its header) and the record after it, or an error in words. */
export async function readCsvHeader(file: Blob): Promise<CsvHead | { error: string }> {
  const head = (await file.slice(0, HEADER_BYTES).text()).replace(/^\uFEFF/, '');
  // The same parser as the import's (lib/import/read-csv.ts): rows read whole, then what was cut off by the read.
  const rows = new CsvRows(Infinity);
  const whole = rows.push(head, file.size <= HEADER_BYTES).filter((r) => !isEmptyRow(r));
  const [header, record] = whole.length ? whole : rows.push('', true).filter((r) => !isEmptyRow(r));
  if (!header) return { error: 'the file is empty' };
  if (header.badQuotes) return { error: 'its first line is not a CSV header (a quoted field is not closed where it should be)' };
  return record && !record.badQuotes ? { columns: header.fields, sample: record.fields } : { columns: header.fields };
}
