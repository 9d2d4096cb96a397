import 'server-only';
import type pg from 'pg';
import { AppError } from '@/lib/errors';
import type { ArticleFields } from '@/lib/articles/revise-article';
import { copyField, copyLine, copyRows } from './copy-rows';

const COLUMNS = ['id', 'projectId', 'externalId', 'url', 'outlet', 'title', 'author', 'publishedAt', 'text', 'textHash', 'length'];

/**
 * New articles in one COPY on the import transaction's connection (`client`,
 * see lib/db/client.ts, transactionConnection). Resolves once they are stored.
 */
export async function insertArticles(client: pg.ClientBase, projectId: string, articles: { id: string; fields: ArticleFields }[]): Promise<void> {
  if (articles.length === 0) return;
  const lines = articles.map(({ id, fields: f }) =>
    copyLine([
      id,
      projectId,
      copyField(f.externalId),
      copyField(f.url),
      copyField(f.outlet),
      copyField(f.title),
      copyField(f.author),
      copyField(f.publishedAt?.toISOString().slice(0, 10)),
      copyField(f.text),
      f.textHash,
      String(f.length),
    ]),
  );
  await copyRows(client, 'Article', COLUMNS, lines).catch((error: unknown) => {
    // The lookup before this insert did not see them: another import stored them meanwhile
    // (or is storing them, and the two waited for each other).
    if (isConcurrentInsert(error)) throw new AppError('CONFLICT', 'Another import added some of these articles at the same time; import the file again');
    throw error;
  });
}

/** A unique violation (23505) or a deadlock (40P01), as pg reports PostgreSQL's errors. */
function isConcurrentInsert(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === '40P01';
}
