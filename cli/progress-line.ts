import type { ImportProgress } from '@/lib/import/import-files';

const BAR_WIDTH = 24;
/** Redrawn at most this often: a terminal line per record would cost more than the import. */
const REDRAW_MS = 100;

/**
 * The progress of one file: a bar of the bytes read (JSONL, CSV: the files
 * that stream) and the articles read so far. Reading runs a batch ahead of
 * storing, so a full bar says "finishing" until the file's result line.
 */
export function renderProgress(prefix: string, p: ImportProgress): string {
  const articles = `${p.articles.toLocaleString('en-US')} article${p.articles === 1 ? '' : 's'} read`;
  if (p.totalBytes <= 0) return `${prefix}: ${articles}…`;
  const share = Math.min(1, p.bytes / p.totalBytes);
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.floor(share * 100)}%`;
  return `${prefix}: ${bar} · ${articles}${share === 1 ? ' · finishing' : ''}`;
}

/**
 * One line on stderr, redrawn in place. Only on a terminal: in a log or a
 * pipe, redrawn lines are noise, and each file's result line says it all.
 */
export function progressLine(prefix: string, stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  const draw = (text: string) => stream.isTTY && stream.write(`\r${text}\x1b[K`);
  draw(`${prefix}: reading…`);
  return {
    update(p: ImportProgress) {
      const now = Date.now();
      if (now - last < REDRAW_MS) return;
      last = now;
      draw(renderProgress(prefix, p));
    },
    clear: () => stream.isTTY && stream.write('\r\x1b[K'),
  };
}
