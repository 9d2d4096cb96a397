// No 'server-only' here on purpose: test/factories.ts (also run by Playwright,
// outside Next) stores articles through this same function. It takes the
// client to write with, so it never imports lib/db/client itself.
import type { PrismaClient } from '@/lib/db/generated/client';
import { splitSentences } from './split-sentences';

/** Anything that can write sentences: the Prisma client or an interactive transaction. */
export type SentenceWriter = Pick<PrismaClient, 'sentence'>;

/**
 * Splits an article's canonical text into sentences and stores them in one
 * multi-row INSERT. Postgres fills the `tsv` column (generated) and the search
 * indexes. Call it in the transaction that stores the article.
 */
export async function storeSentences(db: SentenceWriter, articleId: string, text: string): Promise<number> {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return 0;
  const { count } = await db.sentence.createMany({ data: sentences.map((s) => ({ articleId, ...s })) });
  return count;
}

/**
 * Sentences per INSERT: enough that round trips hardly count. Statements stay
 * small because Prisma keeps its last 100 debug entries, raw queries'
 * parameters included, whether or not debugging is on (see
 * lib/corpus/insert-articles.ts).
 */
const GROUP_ROWS = 500;
const GROUP_CHARS = 50_000;

type Row = { i: string; a: string; s: number; e: number; t: string };

export type BulkSentenceWriter = {
  /** Splits the article's text; its sentences go out with the next full group. */
  add: (articleId: string, text: string) => Promise<void>;
  /** Sends the last, partial group. Returns how many sentences were sent in all. */
  flush: () => Promise<number>;
};

/**
 * Stores the sentences of many new articles (an import) in multi-row
 * INSERTs on one transaction (`$executeRaw` of a Prisma interactive
 * transaction). Statements go through `send` (lib/corpus/statement-pipeline.ts),
 * which keeps a few in flight: Node splits the next group while PostgreSQL
 * computes `tsv` and updates the GIN indexes, which is most of an import's
 * time. Rows travel as one JSON parameter (json_to_recordset), which costs
 * the client a fraction of binding arrays.
 */
export function bulkSentenceWriter(
  tx: Pick<PrismaClient, '$executeRaw'>,
  send: (start: () => PromiseLike<unknown>) => Promise<void>,
  nextId: () => string,
): BulkSentenceWriter {
  let rows: Row[] = [];
  let chars = 0;
  let sent = 0;
  const sendGroup = async () => {
    if (rows.length === 0) return;
    const json = JSON.stringify(rows);
    sent += rows.length;
    rows = [];
    chars = 0;
    await send(
      () => tx.$executeRaw`
        INSERT INTO "Sentence" (id, "articleId", start, "end", text)
        SELECT r.i, r.a, r.s, r.e, r.t FROM json_to_recordset(${json}::json) AS r(i text, a text, s int, e int, t text)`,
    );
  };
  return {
    async add(articleId, text) {
      for (const s of splitSentences(text)) {
        rows.push({ i: nextId(), a: articleId, s: s.start, e: s.end, t: s.text });
        chars += s.text.length;
      }
      if (rows.length >= GROUP_ROWS || chars >= GROUP_CHARS) await sendGroup();
    },
    async flush() {
      await sendGroup();
      return sent;
    },
  };
}
