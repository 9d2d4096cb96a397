import 'server-only';
import { openExport, type Exporter } from './load-export';
import { toWebAnnotation, W3C_MEDIA_TYPE } from './to-web-annotation';
import { toJsonl } from './to-jsonl';
import { toCsv } from './to-csv';
import { toBrat } from './to-brat';
import { toConll } from './to-conll';
import { toClaimReview } from './to-claimreview';
import type { ExportFormat, ExportQuery } from './schema';

const MEDIA: Record<ExportFormat, string> = {
  w3c: W3C_MEDIA_TYPE,
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  brat: 'application/zip',
  conll: 'text/plain; charset=utf-8',
  claimreview: 'application/ld+json; charset=utf-8',
};
const EXTENSION: Record<ExportFormat, string> = { w3c: 'jsonld', jsonl: 'jsonl', csv: 'csv', brat: 'zip', conll: 'conll', claimreview: 'json' };

/** A chunk of the export: text (UTF-8 on the wire) or, for binary formats (brat's ZIP), bytes. */
export type ExportChunk = string | Uint8Array;

/** The export as a stream of chunks, with its media type and a file name. */
export async function writeExport(exporter: Exporter, projectId: string, query: ExportQuery, baseUrl: string) {
  const { scope, articles, locateSpans, claims } = await openExport(exporter, projectId, query, baseUrl);
  const label = `${scope.projectName} (${query.status === 'approved' ? 'approved' : 'all'})`;
  const chunks: AsyncGenerator<ExportChunk> = (() => {
    switch (query.format) {
      case 'w3c':
        return toWebAnnotation(scope, articles(), label);
      case 'jsonl':
        return toJsonl(articles());
      case 'csv':
        return toCsv(articles());
      case 'brat':
        return toBrat(scope, articles(), locateSpans);
      case 'conll':
        return toConll(articles());
      case 'claimreview':
        return toClaimReview(scope, claims());
    }
  })();
  const slug = scope.projectName.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'project';
  return { chunks, mediaType: MEDIA[query.format], fileName: `${slug}-${query.status}.${EXTENSION[query.format]}` };
}
