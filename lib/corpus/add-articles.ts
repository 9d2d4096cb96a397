import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { OffsetIndex, quoteSelector } from '@/lib/anchoring/code-points';
import type { ImportedSpan } from '@/lib/articles/article-fields';
import { db, type Tx } from '@/lib/db/client';
import { articleFields, type NewArticle } from '@/lib/articles/article-fields';
import { reviseArticle, type ArticleFields } from '@/lib/articles/revise-article';
import { recordEvent } from '@/lib/audit/record-event';
import { bulkSentenceWriter } from '@/lib/sentences/store-sentences';
import { refreshSentenceIndex } from '@/lib/sentences/refresh-sentence-index';
import { findKnownArticles } from './find-known-articles';
import { insertArticles } from './insert-articles';
import { sortableIds } from './sortable-ids';
import { statementPipeline } from './statement-pipeline';

/** `orphaned`: spans that lost their place in this import (see lib/articles/revise-article.ts). */
export type AddArticlesResult = { added: number; unchanged: number; revised: number; orphaned: number };

export type AddArticlesOptions = {
  /** Who the audit log names (null: the CLI). */
  actorId?: string | null;
  /** The file being imported: if given, an import that changes something records one `import` audit event naming it. */
  file?: string;
  /** The input's size in bytes, if known: the transaction's time limit grows with it. */
  bytes?: number;
};

/** Articles looked up together (one query) before they are stored: the memory an import holds is about one batch. */
const BATCH_ARTICLES = 500;
const BATCH_CHARS = 1_000_000;

/**
 * Adds articles to a project in one transaction, reading them as they come:
 * a stream of any length takes the memory of one batch. An article already
 * there (same externalId; without one, same text hash, else same URL) is left
 * unchanged if its text is the same, and revised if its text changed: the old
 * text becomes a revision and its spans are re-anchored. Running it twice
 * changes nothing the second time. Each article is split into sentences as
 * it is stored (suggestions and search rank them), so an article never exists
 * without its sentences.
 *
 * If the stream throws (an invalid record), nothing is stored: the whole
 * input is one transaction.
 */
export async function addArticles(
  projectId: string,
  articles: AsyncIterable<NewArticle> | Iterable<NewArticle>,
  opts: AddArticlesOptions = {},
): Promise<AddArticlesResult> {
  const actorId = opts.actorId ?? null;
  const result = await db.$transaction(
    async (tx) => {
      const store = articleStore(tx, projectId, actorId);
      try {
        let batch: { input: NewArticle; fields: ArticleFields }[] = [];
        let chars = 0;
        for await (const input of articles) {
          const fields = articleFields(input);
          batch.push({ input, fields });
          chars += fields.text.length;
          if (batch.length >= BATCH_ARTICLES || chars >= BATCH_CHARS) {
            await store.add(batch);
            batch = [];
            chars = 0;
          }
        }
        await store.add(batch);
        const counts = await store.finish();
        if (opts.file !== undefined && counts.added + counts.revised > 0) {
          await recordEvent(tx, { projectId, actorId, action: 'import', objectType: 'project', objectId: projectId, after: { file: opts.file, ...counts } });
        }
        return counts;
      } catch (error) {
        await store.abandon();
        throw error;
      }
    },
    { timeout: transactionTimeout(opts.bytes ?? (Array.isArray(articles) ? articles.reduce((n, a) => n + a.text.length, 0) : 0)) },
  );
  await refreshSentenceIndex(result.added + result.revised);
  return result;
}

/** INSERTs outstanding at once: PostgreSQL goes from one to the next without waiting for Node. */
const PIPELINE_DEPTH = 2;

/**
 * What one import has stored so far, inside its transaction: each batch is
 * matched against the project's articles, changed ones are revised, new ones
 * inserted with their sentences. INSERTs go through a pipeline: they run while
 * the next ones are prepared and the next records read, and the pipeline is
 * drained before any query whose answer is needed. `handled` holds the ids of
 * articles this import has already seen (an id each, not their text), so an
 * article that comes twice in one file is handled once.
 */
function articleStore(tx: Tx, projectId: string, actorId: string | null) {
  const nextId = sortableIds();
  const pipeline = statementPipeline(PIPELINE_DEPTH);
  const sentences = bulkSentenceWriter(tx, pipeline.send, nextId);
  const handled = new Set<string>();
  const counts: AddArticlesResult = { added: 0, unchanged: 0, revised: 0, orphaned: 0 };
  return {
    async add(batch: { input: NewArticle; fields: ArticleFields }[]) {
      if (batch.length === 0) return;
      await pipeline.drain(); // this batch's lookup must see the articles of the batches before it
      const known = await findKnownArticles(tx, projectId, batch.map((b) => b.fields));
      const fresh: { id: string; fields: ArticleFields; spans?: ImportedSpan[] }[] = [];
      for (const { input, fields } of batch) {
        const match = known.find(fields);
        if (match && handled.has(match.id)) {
          counts.unchanged++;
        } else if (match && match.textHash === fields.textHash) {
          handled.add(match.id);
          counts.unchanged++;
        } else if (match) {
          handled.add(match.id);
          const outcome = await reviseArticle(tx, match.id, fields, actorId);
          counts.revised++;
          counts.orphaned += outcome?.orphaned ?? 0;
        } else {
          const id = nextId();
          known.add({ id, externalId: fields.externalId, url: fields.url, textHash: fields.textHash });
          handled.add(id);
          fresh.push({ id, fields, spans: input.spans });
          counts.added++;
        }
      }
      await insertArticles(pipeline, tx, projectId, fresh);
      if (fresh.some((a) => a.spans?.length)) {
        await pipeline.drain();
        for (const a of fresh) if (a.spans?.length) await storeImportedSpans(tx, a.id, a.fields, a.spans, actorId);
      }
      for (const a of fresh) await sentences.add(a.id, a.fields.text);
    },
    async finish() {
      await sentences.flush();
      await pipeline.drain();
      return counts;
    },
    /** Lets the statements still running end before the transaction is rolled back. */
    abandon: () => pipeline.abandon(),
  };
}

/**
 * Spans that came with a new article (doccano-style entities): stored as
 * pending spans of the importer, with quotes cut from the canonical text.
 * Spans only come in with the article: re-importing never duplicates them.
 */
async function storeImportedSpans(tx: Tx, articleId: string, fields: ArticleFields, spans: ImportedSpan[], actorId: string | null) {
  if (!actorId) throw new AppError('BAD_REQUEST', 'This file carries spans: import it as a user (--as <email> on the command line)', { entities: 'need an importing user' });
  const index = new OffsetIndex(fields.text);
  await tx.annotation.createMany({
    data: spans.map((s) => ({
      id: randomUUID(),
      articleId,
      authorId: actorId,
      label: s.label.toUpperCase() as 'ASSERTION',
      start: s.start,
      end: s.end,
      ...quoteSelector(index, s.start, s.end),
      speaker: s.speaker ?? null,
      note: s.note ?? null,
      textHash: fields.textHash,
    })),
  });
}

/**
 * Prisma closes an interactive transaction after 5 s by default. An import is
 * one transaction by design, however large, so it gets time in proportion to
 * its size: a minute, and a minute more per 2 MB (an import stores about
 * 1 MB/s on a busy 2-core machine).
 */
const transactionTimeout = (bytes: number) => 60_000 + Math.ceil(bytes / 2_000_000) * 60_000;
