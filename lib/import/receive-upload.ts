import 'server-only';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError } from '@/lib/errors';
import { findUnstorableText } from '@/lib/api/unstorable-text';

export type ReceivedFile = {
  /** The client's file name, without any folder part. */
  name: string;
  /** Where it was written; absent when it was over the size limit (nothing kept). */
  path?: string;
};

export type UploadLimits = { files: number; fileBytes: number };

/** What an upload carries: its files, and the form fields the import reads (see READ_FIELDS). */
export type ReceivedUpload = { files: ReceivedFile[]; fields: Partial<Record<(typeof READ_FIELDS)[number], string>> };

/** The form fields besides `file` that the import reads: `map`, a CSV column mapping. Others are only checked and bounded. */
const READ_FIELDS = ['map'] as const;

const FIELD_LIMITS = { fields: 20, fieldSize: 64 * 1024, fieldNameSize: 200 };

const badBody = (why: string) => new AppError('BAD_REQUEST', 'The body is not valid multipart/form-data', { '(body)': why });

/**
 * Streams the `file` fields of a multipart/form-data request into `dir`, part
 * by part as they arrive (busboy), so an upload of many large files never sits
 * in memory: undici's `req.formData()` would hold the whole body. A file over
 * `fileBytes` is cut off and dropped (reported by name, the others still
 * import); more than `files` files, a file name with U+0000 or a body that is
 * not multipart with the boundary its content-type names are the client's
 * error (400/413), with nothing kept.
 */
export async function receiveUpload(req: Request, dir: string, limits: UploadLimits): Promise<ReceivedUpload> {
  if (!req.body) throw badBody('empty');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': req.headers.get('content-type') ?? '' },
      // File names as UTF-8 (busboy's default for parameters is latin1).
      defParamCharset: 'utf8',
      limits: { ...FIELD_LIMITS, files: limits.files, fileSize: limits.fileBytes, parts: limits.files + FIELD_LIMITS.fields },
    });
  } catch {
    throw badBody('not multipart/form-data with the boundary its content-type names');
  }

  const received: ReceivedFile[] = [];
  const fields: ReceivedUpload['fields'] = {};
  const writes: Promise<void>[] = [];
  let failure: AppError | null = null;
  const fail = (e: AppError) => {
    failure ??= e;
  };

  parser.on('file', (field, stream, info) => {
    if (field !== 'file' || failure) {
      stream.resume();
      return;
    }
    const name = path.basename(info.filename || `upload-${received.length + 1}`);
    if (findUnstorableText(name) !== null) {
      fail(new AppError('BAD_REQUEST', 'file is not valid: its name contains U+0000 or a lone surrogate', { file: 'name contains U+0000 or a lone surrogate' }));
      stream.resume();
      return;
    }
    const file: ReceivedFile = { name, path: path.join(dir, `${received.length}-${name}`) };
    received.push(file);
    writes.push(
      pipeline(stream, createWriteStream(file.path!)).then(async () => {
        // Cut off at the size limit by busboy: what arrived is not the file, keep none of it.
        if (!stream.truncated) return;
        await fs.rm(file.path!, { force: true });
        delete file.path;
      }),
    );
  });
  parser.on('field', (field, value, info) => {
    if (findUnstorableText({ [field]: value }) !== null) {
      fail(new AppError('BAD_REQUEST', `${field} is not valid: it contains U+0000 or a lone surrogate`, { [field]: 'contains U+0000 or a lone surrogate' }));
      return;
    }
    const read = READ_FIELDS.find((f) => f === field);
    if (!read) return;
    if (info.valueTruncated) fail(new AppError('BAD_REQUEST', `${field} is longer than ${FIELD_LIMITS.fieldSize} bytes`, { [field]: 'too long' }));
    else if (fields[read] !== undefined) fail(new AppError('BAD_REQUEST', `Give ${field} once`, { [field]: 'given more than once' }));
    else fields[read] = value;
  });
  parser.on('filesLimit', () => fail(new AppError('PAYLOAD_TOO_LARGE', `At most ${limits.files} files at once`)));
  parser.on('partsLimit', () => fail(new AppError('PAYLOAD_TOO_LARGE', `At most ${limits.files} files and ${FIELD_LIMITS.fields} other fields at once`)));
  parser.on('fieldsLimit', () => fail(new AppError('PAYLOAD_TOO_LARGE', `At most ${FIELD_LIMITS.fields} fields besides the files`)));

  try {
    await pipeline(Readable.fromWeb(req.body as WebReadableStream<Uint8Array>), parser);
  } catch (e) {
    // Truncated bodies, a boundary that never comes, a part header busboy cannot read (a NUL in a
    // file name is one), a connection cut mid-upload: busboy's words say which.
    fail(badBody(`not multipart/form-data with the boundary its content-type names (${(e as Error).message})`));
  }
  const written = await Promise.allSettled(writes);
  if (failure) throw failure;
  if (written.some((w) => w.status === 'rejected')) throw new Error('Could not store an uploaded file in the temporary folder');
  return { files: received, fields };
}
