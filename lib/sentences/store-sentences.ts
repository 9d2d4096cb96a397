// No 'server-only' here on purpose: test/factories.ts (also run by Playwright,
// outside Next) stores articles through this same function. It takes the
// client to write with, so it never imports lib/db/client itself.
import { Prisma, type PrismaClient } from '@/lib/db/generated/client';
import { sentenceTsvector } from './sentence-tsvector';
import { splitSentences } from './split-sentences';

/** Anything that can write sentences: the Prisma client or an interactive transaction. */
export type SentenceWriter = Pick<PrismaClient, 'sentence' | '$executeRaw'>;

/**
 * Splits an article's canonical text into sentences and stores them in one
 * multi-row INSERT, then fills their `tsv` (the search index) in the same
 * transaction: a few sentences are cheap to index at once, and a bulk import
 * leaves theirs to lib/sentences/index-sentences.ts instead. Call it in the
 * transaction that stores the article.
 */
export async function storeSentences(db: SentenceWriter, articleId: string, text: string): Promise<number> {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return 0;
  const { count } = await db.sentence.createMany({ data: sentences.map((s) => ({ articleId, ...s })) });
  await db.$executeRaw`UPDATE "Sentence" SET tsv = ${sentenceTsvector(Prisma.sql`text`)} WHERE "articleId" = ${articleId} AND tsv IS NULL`;
  return count;
}
