import { AppError } from '@/lib/errors';

/** Decodes UTF-8 strictly: a file with invalid bytes is refused, never guessed at, naming the first bad line. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8(file, firstInvalidUtf8Line(bytes), bytes);
  }
}

/**
 * The error for bytes that are not UTF-8 at line `at`. `start`: the file's
 * first bytes, if at hand. A file saved as UTF-16 (Windows' "Unicode") starts
 * with its byte-order mark: say so, with what to do, rather than "not valid
 * UTF-8" at line 1.
 */
export function notUtf8(file: string, at: number, start?: Uint8Array): AppError {
  const utf16 = start && start.length >= 2 && ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff));
  if (utf16) return new AppError('BAD_REQUEST', `${file}: saved as UTF-16; save it as UTF-8 and import it again`, { file: 'UTF-16, not UTF-8', line: '1' });
  return new AppError('BAD_REQUEST', `${file}, line ${at}: not valid UTF-8`, { file: 'invalid UTF-8', line: String(at) });
}

/**
 * The line, counting from `firstLine`, of the first bytes of `bytes` that are
 * not UTF-8. A character cut at the very end is not counted as bad: the next
 * chunk of a streamed file completes it.
 */
export function firstInvalidUtf8Line(bytes: Uint8Array, firstLine = 1): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let line = firstLine;
  for (let start = 0; start <= bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    try {
      strict.decode(bytes.subarray(start, end), { stream: newline === -1 });
    } catch {
      return line;
    }
    start = end + 1;
  }
  return line - 1;
}
