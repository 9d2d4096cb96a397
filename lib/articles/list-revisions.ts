import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { memberOf } from '@/lib/auth/permissions';

/**
 * One text an article has had. `createdAt`: when it was imported; `replacedAt`:
 * when a re-import replaced it (null for the current text).
 */
export type RevisionSummaryDto = { revision: number; textHash: string; length: number; createdAt: string; replacedAt: string | null; current: boolean };

export type RevisionListDto = { articleId: string; projectId: string; projectName: string; title: string; revisions: RevisionSummaryDto[] };

/**
 * Every revision of an article, oldest first, the current one last. Older
 * texts are ArticleRevision rows, each stamped when it was replaced, which is
 * also when the next revision was imported.
 */
export async function listRevisions(userId: string, articleId: string): Promise<RevisionListDto> {
  const article = await db.article.findFirst({
    where: { id: articleId, project: memberOf(userId) },
    select: {
      id: true,
      projectId: true,
      title: true,
      textHash: true,
      length: true,
      revision: true,
      createdAt: true,
      project: { select: { name: true } },
      revisions: { orderBy: { revision: 'asc' }, select: { revision: true, textHash: true, length: true, createdAt: true } },
    },
  });
  if (!article) throw notFound('Article');
  const texts = [...article.revisions, { revision: article.revision, textHash: article.textHash, length: article.length, createdAt: null }];
  return {
    articleId: article.id,
    projectId: article.projectId,
    projectName: article.project.name,
    title: article.title,
    revisions: texts.map((t, i) => ({
      revision: t.revision,
      textHash: t.textHash,
      length: t.length,
      createdAt: (i === 0 ? article.createdAt : texts[i - 1].createdAt!).toISOString(),
      replacedAt: t.createdAt?.toISOString() ?? null,
      current: t.revision === article.revision,
    })),
  };
}
