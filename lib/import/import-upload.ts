import 'server-only';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '@/lib/errors';
import { assertAllowed, can, requireProjectRoles } from '@/lib/auth/permissions';
import { importFile, type ImportResult } from './import-files';
import { MAX_IMPORT_FILE_BYTES } from './record';
import { receiveUpload } from './receive-upload';
import { parseColumnMapping } from './column-mapping';
import { pairSidecars } from './sidecars';
import { megabytes } from './megabytes';

export const MAX_UPLOAD_FILES = 50;

export type UploadResult = ImportResult | { file: string; error: string };

/**
 * Files uploaded to a project (multipart `file` fields, and optionally `map`,
 * the column mapping for its CSV files), streamed to a
 * temporary folder as they arrive and imported one by one, each all or
 * nothing; one bad file does not stop the others, and the answer says what
 * happened to each. The caller's rights are checked before the body is read.
 */
export async function importUpload(userId: string, projectId: string, req: Request): Promise<UploadResult[]> {
  const roles = await requireProjectRoles(userId, projectId);
  assertAllowed(can.annotate(roles), 'Only analysts and admins of this project can import');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-upload-'));
  try {
    const { files, fields } = await receiveUpload(req, dir, { files: MAX_UPLOAD_FILES, fileBytes: MAX_IMPORT_FILE_BYTES });
    if (files.length === 0) throw new AppError('BAD_REQUEST', 'Send one or more files in multipart fields named "file"', { file: 'missing' });
    // Checked before any file is imported: a bad mapping imports nothing.
    const mapping = fields.map === undefined ? undefined : parseColumnMapping(fields.map, 'map');
    const results: UploadResult[] = [];
    // A page and its details sidecar (x.txt, x.json) sent together import as one article.
    for (const { file, sidecar } of pairSidecars(files)) {
      const tooLarge = [file, sidecar].find((f) => f && !f.path);
      if (tooLarge) {
        results.push({ file: file.name, error: `${tooLarge.name}: larger than ${megabytes(MAX_IMPORT_FILE_BYTES)}` });
        continue;
      }
      try {
        results.push(await importFile(projectId, file.path!, { name: file.name, actorId: userId, mapping, ...(sidecar && { sidecar: { path: sidecar.path!, name: sidecar.name } }) }));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        results.push({ file: file.name, error: e.message });
      }
    }
    return results;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
