import { unzipSync, type UnzipFileInfo } from 'fflate';
import { AppError } from '@/lib/errors';
import type { CorpusFiles } from '@/lib/corpus/read-manifest-folder';
import { MAX_IMPORT_FILE_BYTES } from './record';
import { megabytes } from './megabytes';

/** At most this many files in a zip, and this many bytes once unpacked: a zip bomb is refused before it is unpacked. */
export const MAX_ZIP_FILES = 10_000;
export const MAX_ZIP_UNPACKED_BYTES = MAX_IMPORT_FILE_BYTES;

/** Entries zip tools add that are not part of the folder (macOS resource forks, Finder and Explorer metadata). */
const isJunk = (entry: string) => /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/.test(entry);

/**
 * A corpus folder sent as a zip: manifest.json at the top of the zip, or in
 * its one top folder (what zipping a folder makes). Unpacked in memory with
 * fflate, after checking what each entry declares: more than MAX_ZIP_FILES
 * entries, more than MAX_ZIP_UNPACKED_BYTES in all, or a name that climbs
 * out of the folder is refused with nothing unpacked.
 */
export function zipCorpusFiles(bytes: Uint8Array, name: string, limits = { files: MAX_ZIP_FILES, bytes: MAX_ZIP_UNPACKED_BYTES }): CorpusFiles {
  let count = 0;
  let unpacked = 0;
  const check = (entry: UnzipFileInfo) => {
    if (entry.name.endsWith('/') || isJunk(entry.name)) return false;
    if (entry.name.startsWith('/') || entry.name.includes('\\') || entry.name.split('/').includes('..')) {
      throw new AppError('BAD_REQUEST', `${name}: the entry "${entry.name}" points outside the folder`, { file: 'unsafe entry name' });
    }
    count++;
    unpacked += entry.originalSize;
    if (count > limits.files) throw new AppError('PAYLOAD_TOO_LARGE', `${name}: more than ${limits.files} files`, { file: 'too many entries' });
    if (unpacked > limits.bytes) throw new AppError('PAYLOAD_TOO_LARGE', `${name}: more than ${megabytes(limits.bytes)} once unpacked`, { file: 'too large unpacked' });
    return true;
  };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: check });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', `${name}: not a zip file that can be read (${(e as Error).message})`, { file: 'invalid zip' });
  }
  // A Map, not the object: an entry named "constructor" must not find Object's.
  const files = new Map(Object.entries(entries));
  const tops = new Set([...files.keys()].map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/')) : '')));
  const top = tops.size === 1 && !tops.has('') ? [...tops][0] : null;
  // Zipping a folder names the zip after it (the drop zone does): errors then name the folder.
  const folder = top === null ? name : name === `${top}.zip` ? top : `${name}/${top}`;
  const prefix = files.has('manifest.json') ? '' : top !== null && files.has(`${top}/manifest.json`) ? `${top}/` : null;
  if (prefix === null) {
    const where = top === null ? `${name}: no manifest.json at the top of the zip or in its one folder` : `${folder}: no manifest.json in the folder`;
    throw new AppError('BAD_REQUEST', `${where} (a corpus folder lists its articles in one)`, { manifest: 'missing' });
  }
  return { name: prefix ? folder : name, read: async (file) => files.get(prefix + file) ?? null };
}
