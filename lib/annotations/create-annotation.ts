import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertAllowed, can, type ProjectRole } from '@/lib/auth/permissions';
import { QUOTE_CONTEXT } from '@/lib/anchoring/code-points';
import type { Caller } from '@/lib/auth/caller';
import type { AnnotationDto } from './dto';
import type { CreateAnnotationInput } from './schema';
import { toAnnotationDto, toDbLabel } from './to-dto';

type ArticleContext = {
  id: string;
  projectId: string;
  textHash: string;
  length: number;
  exact: string;
  prefix: string;
  suffix: string;
  roles: string[] | null;
};

/**
 * Reads the quote for [start, end) and the caller's roles in one round trip.
 * Postgres counts `substring` in characters, which for UTF-8 text are code
 * points: the same unit we store, so no article text travels to Node.
 */
async function readArticleContext(articleId: string, userId: string, start: number, end: number) {
  const rows = await sql<ArticleContext>`
    SELECT a.id, a."projectId", a."textHash", a.length,
           substring(a.text FROM ${start}::int + 1 FOR ${end - start}::int) AS exact,
           substring(a.text FROM greatest(${start}::int - ${QUOTE_CONTEXT}::int, 0) + 1
                            FOR least(${start}::int, ${QUOTE_CONTEXT}::int)) AS prefix,
           substring(a.text FROM ${end}::int + 1 FOR ${QUOTE_CONTEXT}::int) AS suffix,
           (SELECT array_agg(m.role::text) FROM "Membership" m
             WHERE m."projectId" = a."projectId" AND m."userId" = ${userId}) AS roles
      FROM "Article" a
     WHERE a.id = ${articleId}`;
  return rows[0];
}

export async function createAnnotation(caller: Caller, articleId: string, input: CreateAnnotationInput): Promise<AnnotationDto> {
  const article = await readArticleContext(articleId, caller.id, input.start, input.end);
  if (!article || !article.roles) throw new AppError('NOT_FOUND', 'Article not found');
  const roles = article.roles.map((r) => r.toLowerCase() as ProjectRole);
  assertAllowed(can.annotate(roles), 'Only analysts and admins of this project can tag spans');
  if (input.end > article.length) {
    throw new AppError('BAD_REQUEST', `end ${input.end} is past the end of the article (${article.length} code points)`, {
      end: `must be at most ${article.length}`,
    });
  }
  if (input.exact !== undefined && input.exact !== article.exact) {
    throw new AppError('CONFLICT', 'The article text at these offsets differs from `exact`; reload the article', {
      exact: 'does not match the article text at [start, end)',
    });
  }
  if (article.exact.trim() === '') {
    throw new AppError('BAD_REQUEST', 'A span must contain more than whitespace', { start: 'selects only whitespace' });
  }
  // A raw INSERT … RETURNING: span creation is the hottest write, and Prisma's
  // create() adds a transaction and a second SELECT for the author relation.
  // One statement, so the span and its audit event commit together.
  const [row] = await sql<InsertedRow>`
    WITH ins AS (
      INSERT INTO "Annotation" (id, "articleId", "authorId", label, note, speaker, start, "end", exact, prefix, suffix, "textHash", "updatedAt")
      VALUES (${randomUUID()}, ${article.id}, ${caller.id}, ${toDbLabel(input.label)}::"Label", ${input.note || null}, ${input.speaker || null},
              ${input.start}::int, ${input.end}::int, ${article.exact}, ${article.prefix}, ${article.suffix}, ${article.textHash}, now())
      RETURNING id, "articleId", label, note, speaker, start, "end", exact, prefix, suffix, "textHash", status, version, "createdAt", "updatedAt"
    ), event AS (
      INSERT INTO "AuditEvent" (id, "projectId", "actorId", action, "objectType", "objectId", after)
      SELECT ${randomUUID()}, ${article.projectId}, ${caller.id}, 'annotation.create', 'annotation', ins.id, to_jsonb(ins) FROM ins
    )
    SELECT * FROM ins`;
  return toAnnotationDto({ ...row, author: { id: caller.id, name: caller.name }, reviewedBy: null });
}

type InsertedRow = Omit<Parameters<typeof toAnnotationDto>[0], 'author' | 'reviewedBy'>;
