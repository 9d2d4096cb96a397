import 'server-only';
import { openExport, type Exporter } from './load-export';
import { toWebAnnotation, W3C_MEDIA_TYPE } from './to-web-annotation';
import { toJsonl } from './to-jsonl';
import { toCsv } from './to-csv';
import type { ExportQuery } from './schema';

const MEDIA = { w3c: W3C_MEDIA_TYPE, jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;
const EXTENSION = { w3c: 'jsonld', jsonl: 'jsonl', csv: 'csv' } as const;

/** The export as a stream of text chunks, with its media type and a file name. */
export async function writeExport(exporter: Exporter, projectId: string, query: ExportQuery, baseUrl: string) {
  const { scope, articles } = await openExport(exporter, projectId, query, baseUrl);
  const label = `${scope.projectName} (${query.status === 'approved' ? 'approved' : 'all'})`;
  const chunks =
    query.format === 'w3c' ? toWebAnnotation(scope, articles(), label) : query.format === 'jsonl' ? toJsonl(articles()) : toCsv(articles());
  const slug = scope.projectName.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'project';
  return { chunks, mediaType: MEDIA[query.format], fileName: `${slug}-${query.status}.${EXTENSION[query.format]}` };
}
