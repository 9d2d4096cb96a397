import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { OffsetIndex, quoteSelector } from '@/lib/anchoring/code-points';
import type { ImportedSpan } from '@/lib/articles/article-fields';
import { db, type Tx } from '@/lib/db/client';
import { articleFields, type NewArticle } from '@/lib/articles/article-fields';
import { reviseArticle, type ArticleFields } from '@/lib/articles/revise-article';
import { storeSentences } from '@/lib/sentences/store-sentences';
import { refreshSentenceIndex } from '@/lib/sentences/refresh-sentence-index';

/** `orphaned`: spans that lost their place in this import (see lib/articles/revise-article.ts). */
export type AddArticlesResult = { added: number; unchanged: number; revised: number; orphaned: number };

/**
 * Adds articles to a project in one transaction. An article already there
 * (same externalId; without one, same text hash, else same URL) is left
 * unchanged if its text is the same, and revised if its text changed: the old
 * text becomes a revision and its spans are re-anchored. Running it twice
 * changes nothing the second time. Each article is split into sentences as
 * it is stored (suggestions and search rank them), so an article never exists
 * without its sentences.
 */
export async function addArticles(projectId: string, articles: NewArticle[], opts: { actorId?: string | null } = {}): Promise<AddArticlesResult> {
  const result = await db.$transaction(async (tx) => {
    const rows = articles.map(articleFields);
    const known = await findKnown(tx, projectId, rows);
    const handled = new Set<string>(); // article ids: the same article twice in one file is handled once
    const counts: AddArticlesResult = { added: 0, unchanged: 0, revised: 0, orphaned: 0 };
    for (const [i, fields] of rows.entries()) {
      const match = known.find(fields);
      if (match && handled.has(match.id)) {
        counts.unchanged++;
      } else if (match && match.textHash === fields.textHash) {
        handled.add(match.id);
        counts.unchanged++;
      } else if (match) {
        handled.add(match.id);
        const outcome = await reviseArticle(tx, match.id, fields, opts.actorId ?? null);
        counts.revised++;
        counts.orphaned += outcome?.orphaned ?? 0;
      } else {
        const article = await tx.article.create({ data: { ...fields, projectId }, select: { id: true } });
        await storeSentences(tx, article.id, fields.text);
        const spans = articles[i].spans;
        if (spans?.length) await storeImportedSpans(tx, article.id, fields, spans, opts.actorId ?? null);
        known.add({ id: article.id, ...fields });
        handled.add(article.id);
        counts.added++;
      }
    }
    return counts;
  }, { timeout: transactionTimeout(articles.length) });
  await refreshSentenceIndex(result.added + result.revised);
  return result;
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

type Known = { id: string; externalId: string | null; url: string | null; textHash: string };

/**
 * The project's articles that records of this file may be, in one query, and
 * how to find a record's: by externalId when it has one (nothing else), else
 * by text among articles without an externalId, else by URL.
 */
async function findKnown(tx: Tx, projectId: string, rows: ArticleFields[]) {
  const withId = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
  const withoutId = rows.filter((r) => !r.externalId);
  const found: Known[] = await tx.article.findMany({
    where: {
      projectId,
      OR: [
        { externalId: { in: withId } },
        { textHash: { in: withoutId.map((r) => r.textHash) }, externalId: null },
        { url: { in: withoutId.flatMap((r) => (r.url ? [r.url] : [])) } },
      ],
    },
    // Oldest first: if several articles share a URL, the first imported is "the" article.
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, externalId: true, url: true, textHash: true },
  });
  const byExternalId = new Map<string, Known>();
  const byHash = new Map<string, Known>();
  const byUrl = new Map<string, Known>();
  const add = (a: Known) => {
    if (a.externalId) byExternalId.set(a.externalId, a);
    else if (!byHash.has(a.textHash)) byHash.set(a.textHash, a);
    if (a.url && !byUrl.has(a.url)) byUrl.set(a.url, a);
  };
  found.forEach(add);
  return {
    add,
    find: (r: ArticleFields): Known | undefined =>
      r.externalId ? byExternalId.get(r.externalId) : (byHash.get(r.textHash) ?? (r.url ? byUrl.get(r.url) : undefined)),
  };
}

/**
 * Prisma closes an interactive transaction after 5 s by default. A large import
 * (thousands of articles, each with its sentences) is one transaction by design,
 * so it gets time in proportion to its size.
 */
const transactionTimeout = (articleCount: number) => 10_000 + articleCount * 100;
