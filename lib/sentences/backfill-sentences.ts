import 'server-only';
import { db } from '@/lib/db/client';
import { storeSentences } from './store-sentences';

const BATCH = 50;

/**
 * Splits the articles that have no sentences yet: those stored before
 * sentences existed (a database migrated from an older version). New articles
 * get theirs in lib/corpus/add-articles.ts. Idempotent; returns how many
 * articles it split.
 */
export async function backfillSentences(projectId?: string): Promise<number> {
  let done = 0;
  for (;;) {
    const articles = await db.article.findMany({
      where: { ...(projectId && { projectId }), sentences: { none: {} }, length: { gt: 0 } },
      select: { id: true, text: true },
      take: BATCH,
    });
    let stored = 0;
    for (const a of articles) {
      await db.$transaction(async (tx) => {
        // Another process may have split it meanwhile: check again inside the transaction.
        if ((await tx.sentence.count({ where: { articleId: a.id } })) > 0) return;
        if ((await storeSentences(tx, a.id, a.text)) > 0) stored++;
      });
    }
    done += stored;
    // An article of only whitespace has no sentences and would be found again: stop when nothing moved.
    if (articles.length < BATCH || stored === 0) return done;
  }
}
