import { apiRoute, parseQuery } from '@/lib/api/route';
import { exportQuery } from '@/lib/export/schema';
import { writeExport } from '@/lib/export/write-export';
import { exportBody } from '@/lib/export/export-body';

// Streams: the body is produced article by article, never buffered whole.
export const GET = apiRoute(async ({ req, caller, params }) => {
  const query = parseQuery(req, exportQuery);
  const origin = new URL(req.url).origin;
  const { chunks, mediaType, fileName } = await writeExport({ userId: caller.id }, params.projectId, query, origin);
  const body = await exportBody(chunks);
  // no-transform: Next's gzip would otherwise compress every byte on the
  // server's CPU (tens of MB/s, far slower than the export itself).
  return new Response(body, {
    headers: { 'content-type': mediaType, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store, no-transform' },
  });
});
