import { apiRoute, parseForm } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { importUpload } from '@/lib/import/import-upload';

export const POST = apiRoute(async ({ req, caller, params }) => {
  if (!/^multipart\/form-data\b/i.test(req.headers.get('content-type') ?? '')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data fields named "file"');
  }
  const form = await parseForm(req);
  const files = form.getAll('file').filter((f): f is File => typeof f !== 'string');
  const results = await importUpload(caller.id, params.projectId, files);
  const failed = results.some((r) => 'error' in r);
  return Response.json({ results }, { status: failed ? 207 : 200 });
});
