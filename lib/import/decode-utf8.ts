import { AppError } from '@/lib/errors';

/** Decodes UTF-8 strictly: a file with invalid bytes is refused, never guessed at, naming the first bad line. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8Line(bytes);
    throw new AppError('BAD_REQUEST', `${file}, line ${at}: not valid UTF-8`, { file: 'invalid UTF-8' });
  }
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
