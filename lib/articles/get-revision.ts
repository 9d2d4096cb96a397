import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { memberOf } from '@/lib/auth/permissions';
import { diffTexts, type TextDiff } from './diff-texts';

export type RevisionDto = {
  articleId: string;
  revision: number;
  currentRevision: number;
  textHash: string;
  length: number;
  text: string;
  /** From this revision's text to the current one: [op, text] with op -1 deleted, 0 kept, 1 inserted. */
  diff: TextDiff;
};

/** One revision's text and what changed from it to the current text. */
export async function getRevision(userId: string, articleId: string, revision: number): Promise<RevisionDto> {
  const article = await db.article.findFirst({
    where: { id: articleId, project: memberOf(userId) },
    select: { id: true, text: true, textHash: true, length: true, revision: true, revisions: { where: { revision }, select: { text: true, textHash: true, length: true } } },
  });
  if (!article) throw notFound('Article');
  const older = revision === article.revision ? article : article.revisions[0];
  if (!older) throw notFound('Revision');
  return {
    articleId,
    revision,
    currentRevision: article.revision,
    textHash: older.textHash,
    length: older.length,
    text: older.text,
    diff: older === article ? [[0, article.text]] : diffTexts(older.text, article.text),
  };
}
