import 'server-only';
import { db } from '@/lib/db/client';
import { recordEvent } from '@/lib/audit/record-event';
import { openExport, type Exporter } from './load-export';
import { W3C_MEDIA_TYPE } from './to-web-annotation';
import { copyExport } from './copy-export';
import { w3cBytes } from './w3c-bytes';
import { jsonlBytes } from './jsonl-bytes';
import { toCsv } from './to-csv';
import { toBrat } from './to-brat';
import { toConll } from './to-conll';
import { toClaimReview } from './to-claimreview';
import { toLabelStudio } from './to-label-studio';
import type { ExportFormat, ExportQuery } from './schema';
import { exportFileName, exportScopeWords } from './file-name';

const MEDIA: Record<ExportFormat, string> = {
  w3c: W3C_MEDIA_TYPE,
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  brat: 'application/zip',
  conll: 'text/plain; charset=utf-8',
  claimreview: 'application/ld+json; charset=utf-8',
  labelstudio: 'application/json; charset=utf-8',
};
const EXTENSION: Record<ExportFormat, string> = { w3c: 'jsonld', jsonl: 'jsonl', csv: 'csv', brat: 'zip', conll: 'conll', claimreview: 'json', labelstudio: 'label-studio.json' };

/** A chunk of the export: text (UTF-8 on the wire) or, for binary formats (brat's ZIP), bytes. */
export type ExportChunk = string | Uint8Array;

/** The export as a stream of chunks, with its media type and a file name. */
export async function writeExport(exporter: Exporter, projectId: string, query: ExportQuery, baseUrl: string) {
  const { scope, filter, articles, locateSpans, claims } = await openExport(exporter, projectId, query, baseUrl);
  // Exports are reads: the event is written on its own when the export
  // starts (after the access check), whether or not the download completes.
  await recordEvent(db, {
    projectId,
    actorId: 'userId' in exporter ? exporter.userId : null,
    action: 'export',
    objectType: 'project',
    objectId: projectId,
    after: { format: query.format, status: query.status, filters: { outlet: query.outlet, label: query.label, articleId: query.articleId } },
  });
  const label = `${scope.projectName} (${exportScopeWords(query)})`;
  const chunks = await (async (): Promise<AsyncGenerator<ExportChunk>> => {
    switch (query.format) {
      // W3C and JSONL, the large ones, are written from the spans' bytes (copy-export.ts).
      case 'w3c':
        return copyExport(filter, w3cBytes(scope, label), { withText: false, withNames: true });
      case 'jsonl':
        return copyExport(filter, jsonlBytes());
      case 'csv':
        return toCsv(articles(), { bom: query.bom });
      case 'brat':
        return toBrat(scope, articles(), locateSpans);
      case 'conll':
        return toConll(articles());
      case 'claimreview':
        return toClaimReview(scope, claims());
      case 'labelstudio':
        return toLabelStudio(articles());
    }
  })();
  return { chunks, mediaType: MEDIA[query.format], fileName: exportFileName(scope.projectName, query, EXTENSION[query.format]) };
}
