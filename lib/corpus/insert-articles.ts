import 'server-only';
import type { Tx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { ArticleFields } from '@/lib/articles/revise-article';
import type { StatementPipeline } from './statement-pipeline';

/**
 * Text per INSERT. Prisma keeps its last 100 debug entries in memory whether
 * or not debugging is on, and a raw query's entry holds its parameters: what
 * an import keeps alive is about 100 statements' worth (~10 MB at this size),
 * however large the file. Larger statements saved no measurable time.
 */
const STATEMENT_CHARS = 50_000;

/**
 * New articles in a few multi-row INSERTs, sent through `pipeline`: they may
 * still be running when this returns (statements after them on the
 * transaction run after them). Rows travel as one JSON parameter per
 * statement that PostgreSQL unpacks (json_to_recordset): far less work in the
 * client than binding a parameter per value.
 */
export async function insertArticles(pipeline: StatementPipeline, tx: Tx, projectId: string, articles: { id: string; fields: ArticleFields }[]): Promise<void> {
  let start = 0;
  while (start < articles.length) {
    let end = start + 1; // at least one article per statement, however long
    for (let chars = articles[start].fields.text.length; end < articles.length && chars + articles[end].fields.text.length <= STATEMENT_CHARS; end++) {
      chars += articles[end].fields.text.length;
    }
    await insertStatement(pipeline, tx, projectId, articles.slice(start, end));
    start = end;
  }
}

async function insertStatement(pipeline: StatementPipeline, tx: Tx, projectId: string, articles: { id: string; fields: ArticleFields }[]): Promise<void> {
  const rows = JSON.stringify(
    articles.map(({ id, fields: f }) => ({
      id,
      externalId: f.externalId,
      url: f.url,
      outlet: f.outlet,
      title: f.title,
      author: f.author,
      publishedAt: f.publishedAt?.toISOString().slice(0, 10) ?? null,
      text: f.text,
      textHash: f.textHash,
      length: f.length,
    })),
  );
  await pipeline.send(() =>
    tx.$executeRaw`
      INSERT INTO "Article" (id, "projectId", "externalId", url, outlet, title, author, "publishedAt", text, "textHash", length)
      SELECT r.id, ${projectId}, r."externalId", r.url, r.outlet, r.title, r.author, r."publishedAt", r.text, r."textHash", r.length
        FROM json_to_recordset(${rows}::json)
          AS r(id text, "externalId" text, url text, outlet text, title text, author text, "publishedAt" date, text text, "textHash" text, length int)`.then(
      undefined,
      (error: unknown) => {
        // The lookup before this insert did not see them: another import stored them meanwhile
        // (or is storing them, and the two waited for each other).
        if (isConcurrentInsert(error)) throw new AppError('CONFLICT', 'Another import added some of these articles at the same time; import the file again');
        throw error;
      },
    ),
  );
}

/** A unique violation (23505) or a deadlock (40P01) as Prisma reports them for raw SQL: P2010, the driver's error as the cause. */
function isConcurrentInsert(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  const sqlState = e?.meta?.driverAdapterError?.cause?.originalCode;
  return e?.code === 'P2010' && (sqlState === '23505' || sqlState === '40P01');
}
