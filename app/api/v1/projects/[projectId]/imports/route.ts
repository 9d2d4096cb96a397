import { apiRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { importUpload } from '@/lib/import/import-upload';

export const POST = apiRoute(async ({ req, caller, params }) => {
  if (!/^multipart\/form-data\b/i.test(req.headers.get('content-type') ?? '')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data fields named "file"');
  }
  // Streamed to disk part by part: an upload of many large files never sits in memory.
  const results = await importUpload(caller.id, params.projectId, req);
  const failed = results.some((r) => 'error' in r);
  return Response.json({ results }, { status: failed ? 207 : 200 });
});
