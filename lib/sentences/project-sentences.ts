import 'server-only';
import { Prisma } from '@/lib/db/generated/client';
import { sentenceTsvector } from './sentence-tsvector';

/**
 * A project's sentences without their tsvector yet (a bulk import's, until
 * the indexer has been by), as a subquery with id, articleId, start, end and
 * text. `OFFSET 0` keeps PostgreSQL from pushing a caller's text search
 * condition into it: it then computed the tsvector of every project's
 * unindexed sentences before keeping this project's, so a large import in
 * one project slowed searches in all of them (a search in a 30-article
 * project took 0.45 s while 48,877 FNC-1 sentences of another waited for
 * the indexer, 0.4 ms with this). The project's own search in those seconds
 * no longer runs in parallel workers: 0.8 s against 0.5 s for that import.
 */
export function unindexedSentences(projectId: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT s.id, s."articleId", s.start, s."end", s.text FROM "Sentence" s
     WHERE s.tsv IS NULL AND s."articleId" IN (SELECT id FROM "Article" WHERE "projectId" = ${projectId})
    OFFSET 0)`;
}

/**
 * Every sentence of a project with its tsvector (id, articleId, start, end,
 * text, tsv): the stored one through the GIN index, else computed. A
 * sentence is found the moment its import commits, only more slowly until
 * the indexer has been by.
 */
export function projectSentences(projectId: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT s.id, s."articleId", s.start, s."end", s.text, s.tsv FROM "Sentence" s
     WHERE s.tsv IS NOT NULL AND s."articleId" IN (SELECT id FROM "Article" WHERE "projectId" = ${projectId})
    UNION ALL
    SELECT u.id, u."articleId", u.start, u."end", u.text, ${sentenceTsvector(Prisma.sql`u.text`)} FROM ${unindexedSentences(projectId)} u)`;
}
