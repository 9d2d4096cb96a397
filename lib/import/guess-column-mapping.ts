import { parse } from 'csv-parse/browser/esm/sync';
import { DEFAULT_CSV_MAPPING_COLUMNS } from './default-csv-mapping';
import { MAPPABLE_FIELDS, type ColumnMapping, type MappableField } from './column-mapping';

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
  const head = await file.slice(0, HEADER_BYTES).text();
  try {
    const [columns, sample] = parse(head, { bom: true, to: 2, relax_column_count: true }) as string[][];
    return columns?.length ? { columns, sample } : { error: 'the file is empty' };
  } catch {
    // The first data record may be cut off where reading stopped: the header alone, then.
  }
  try {
    const [columns] = parse(head, { bom: true, to_line: 1 }) as string[][];
    return columns?.length ? { columns } : { error: 'the file is empty' };
  } catch (e) {
    return { error: `its first line is not a CSV header (${(e as Error).message})` };
  }
}
