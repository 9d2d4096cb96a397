import type { Tx } from '@/lib/db/client';
import { storeSentences } from './store-sentences';

/**
 * Re-splits a revised article into sentences, in the transaction that changes
 * its text. Offsets shift with every edit, so the rows are replaced rather
 * than patched; a "not a match" dismissal of an old sentence moves to the new
 * sentence with the same words, so a revision does not bring back suggestions
 * an analyst already turned down.
 */
export async function replaceSentences(tx: Pick<Tx, 'sentence' | 'suggestionDismissal' | '$executeRaw'>, articleId: string, text: string): Promise<number> {
  const dismissed = await tx.suggestionDismissal.findMany({
    where: { sentence: { articleId } },
    select: { annotationId: true, userId: true, createdAt: true, sentence: { select: { text: true } } },
  });
  await tx.sentence.deleteMany({ where: { articleId } }); // cascades to those dismissals
  const count = await storeSentences(tx, articleId, text);
  if (dismissed.length === 0) return count;
  const fresh = await tx.sentence.findMany({
    where: { articleId, text: { in: [...new Set(dismissed.map((d) => d.sentence.text))] } },
    select: { id: true, text: true },
  });
  const idsByText = new Map<string, string[]>();
  for (const s of fresh) idsByText.set(s.text, [...(idsByText.get(s.text) ?? []), s.id]);
  await tx.suggestionDismissal.createMany({
    data: dismissed.flatMap((d) => (idsByText.get(d.sentence.text) ?? []).map((sentenceId) => ({ annotationId: d.annotationId, userId: d.userId, createdAt: d.createdAt, sentenceId }))),
    skipDuplicates: true,
  });
  return count;
}
