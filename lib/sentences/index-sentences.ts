import 'server-only';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { refreshSentenceIndex } from './refresh-sentence-index';
import { sentenceTsvector } from './sentence-tsvector';

/**
 * Sentences one UPDATE indexes: about a tenth of a second of one core, so
 * that the row locks it takes (which a revision deleting those sentences
 * waits for) are short.
 */
const BATCH = 2_000;

/**
 * UPDATEs at once, on connections of their own: PostgreSQL's text search
 * parser is the cost, and each backend runs it on one core.
 */
const WORKERS = 2;

let running: Promise<number> | null = null;
let again = false;

/**
 * How long the indexer lets the cores rest after an import before it starts:
 * a CLI or a user importing several files starts the next one within
 * milliseconds, and the index catches up once they are all in.
 */
const QUIET_MS = 250;

/** Imports running in this process, when the last one ended, and what the indexer waits on meanwhile. */
let importing = 0;
let lastImportEnded = 0;
let idle: { promise: Promise<void>; resolve: () => void } | null = null;

/**
 * Marks an import running in this process until the returned function is
 * called: the indexer waits between batches meanwhile (and QUIET_MS after),
 * so that the two cores go to the import the user is waiting for.
 */
export function importRunning(): () => void {
  importing++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    lastImportEnded = performance.now();
    if (--importing === 0 && idle) {
      idle.resolve();
      idle = null;
    }
  };
}

/** Resolves once no import of this process has run for QUIET_MS. */
async function importsQuiet(): Promise<void> {
  for (;;) {
    if (importing > 0) {
      if (!idle) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        idle = { promise, resolve };
      }
      await idle.promise;
      continue;
    }
    const rest = lastImportEnded + QUIET_MS - performance.now();
    if (rest <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, rest));
  }
}

/**
 * Fills `Sentence.tsv` for the sentences stored without it: a bulk import
 * (lib/sentences/insert-sentences.ts) leaves it to this, after its commit,
 * so that the import's transaction does not wait for PostgreSQL's text
 * search parser. Until then search and suggestions compute the missing
 * tsvectors as they read (lib/sentences/project-sentences.ts; written out in
 * lib/suggestions/rank-sentences.ts): a sentence is found as soon as its
 * import commits, only more slowly until this has been by.
 *
 * One pass per process at a time; a call during a pass returns that pass,
 * which looks again before it ends. Another process's indexer may take the
 * same rows: the one that comes second waits for the first's UPDATE, then
 * finds them done and leaves them. Resolves with the number of
 * sentences indexed; never rejects (an error is logged: the sentences stay
 * searchable, and the next call, after the next import or at the next
 * start, takes them up).
 */
export function indexSentences(): Promise<number> {
  if (running) {
    again = true;
    return running;
  }
  const pass = (async () => {
    let total = 0;
    do {
      again = false;
      const nextBatch = pendingBatches();
      const counts = await Promise.all(Array.from({ length: WORKERS }, () => indexBatches(nextBatch)));
      const indexed = counts.reduce((a, b) => a + b, 0);
      await refreshSentenceIndex(indexed);
      total += indexed;
    } while (again);
    return total;
  })()
    .catch((error: unknown) => {
      console.warn('[sentences] indexing stopped:', (error as Error).message);
      return 0;
    })
    .finally(() => {
      running = null;
    });
  running = pass;
  return pass;
}

/**
 * The ids of unindexed sentences, BATCH at a time in id order, each batch
 * after the last one handed out: the scan of "Sentence_unindexed_idx" starts
 * past the entries of rows already indexed (dead until vacuum) instead of
 * walking them again. Shared by the workers, so no two take the same rows.
 */
function pendingBatches() {
  let after = '';
  let done = false;
  let next: Promise<string[]> = Promise.resolve([]);
  return async (): Promise<string[]> => {
    const take = next.then(async () => {
      if (done) return [];
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Sentence" WHERE tsv IS NULL AND id > ${after} ORDER BY id LIMIT ${BATCH}`;
      if (rows.length === 0) done = true;
      else after = rows[rows.length - 1].id;
      return rows.map((r) => r.id);
    });
    next = take;
    return take;
  };
}

/** One worker: the next batch until there is none. */
async function indexBatches(nextBatch: () => Promise<string[]>): Promise<number> {
  let indexed = 0;
  for (;;) {
    await importsQuiet();
    const ids = await nextBatch();
    if (ids.length === 0) return indexed;
    // `tsv IS NULL` again: another process's indexer may have done some of these meanwhile.
    indexed += await db.$executeRaw`
      UPDATE "Sentence" SET tsv = ${sentenceTsvector(Prisma.sql`text`)} WHERE id = ANY(${ids}::text[]) AND tsv IS NULL`;
  }
}
