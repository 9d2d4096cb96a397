import 'server-only';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError } from '@/lib/errors';
import { assertAllowed, can, requireProjectRoles } from '@/lib/auth/permissions';
import { importFile, type ImportResult } from './import-files';
import { MAX_IMPORT_FILE_BYTES } from './record';

export const MAX_UPLOAD_FILES = 50;

export type UploadResult = ImportResult | { file: string; error: string };

/**
 * Files uploaded to a project (multipart `file` fields). Each file is imported
 * on its own, all or nothing; one bad file does not stop the others, and the
 * answer says what happened to each.
 */
export async function importUpload(userId: string, projectId: string, files: File[]): Promise<UploadResult[]> {
  const roles = await requireProjectRoles(userId, projectId);
  assertAllowed(can.annotate(roles), 'Only analysts and admins of this project can import');
  if (files.length === 0) throw new AppError('BAD_REQUEST', 'Send one or more files in multipart fields named "file"', { file: 'missing' });
  if (files.length > MAX_UPLOAD_FILES) throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_UPLOAD_FILES} files at once`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-upload-'));
  try {
    const results: UploadResult[] = [];
    for (const [i, upload] of files.entries()) {
      const name = path.basename(upload.name || `upload-${i + 1}`);
      if (upload.size > MAX_IMPORT_FILE_BYTES) {
        results.push({ file: name, error: `${name}: larger than ${MAX_IMPORT_FILE_BYTES} bytes` });
        continue;
      }
      const target = path.join(dir, `${i}-${name}`);
      // Streamed to disk, never copied whole into a Buffer; the import reads it back record by record.
      await pipeline(Readable.fromWeb(upload.stream() as WebReadableStream<Uint8Array>), createWriteStream(target));
      try {
        results.push(await importFile(projectId, target, { name, actorId: userId }));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        results.push({ file: name, error: e.message });
      }
    }
    return results;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
