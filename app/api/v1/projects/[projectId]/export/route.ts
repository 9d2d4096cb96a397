import { apiRoute, parseQuery } from '@/lib/api/route';
import { exportQuery } from '@/lib/export/schema';
import { writeExport } from '@/lib/export/write-export';

// Streams: the body is produced article by article, never buffered whole.
// Text chunks are encoded as UTF-8; binary ones (brat's ZIP) pass through.
export const GET = apiRoute(async ({ req, caller, params }) => {
  const query = parseQuery(req, exportQuery);
  const origin = new URL(req.url).origin;
  const { chunks, mediaType, fileName } = await writeExport({ userId: caller.id }, params.projectId, query, origin);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  // no-transform: Next's gzip would otherwise compress every byte on the
  // server's CPU (tens of MB/s, far slower than the export itself).
  return new Response(body, {
    headers: { 'content-type': mediaType, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store, no-transform' },
  });
});
