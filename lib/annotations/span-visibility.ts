import 'server-only';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { notFound } from '@/lib/errors';
import { can, toProjectRole, type ProjectRole } from '@/lib/auth/permissions';

/**
 * Whose spans a member may see. Every listing of spans or links applies it
 * (reader, span API, search, claims, matrix, export, activity), so the rule
 * lives here only; the functions below render it as a Prisma where, an SQL
 * condition or a test on one span.
 *
 * The rule (independent annotation, as in INCEpTION's curation or doccano's
 * "collaborative annotation" switched off): in a project set to independent
 * annotation, an analyst sees only their own spans, and links between them,
 * so that nobody's tagging is anchored by someone else's; reviewers and
 * admins see everything. Once a reviewer opens an article for comparison
 * (an ArticleComparison row), every member sees all of that article's spans.
 */
export type SpanVisibility = { everything: true } | { everything: false; userId: string };

const EVERYTHING: SpanVisibility = { everything: true };

export function spanVisibility(input: {
  userId: string;
  roles: readonly ProjectRole[];
  independentAnnotation: boolean;
  /** Known when one article is concerned: it was opened for comparison. */
  articleOpened?: boolean;
}): SpanVisibility {
  if (!input.independentAnnotation || can.review([...input.roles]) || input.articleOpened) return EVERYTHING;
  return { everything: false, userId: input.userId };
}

/** Where-clause fragment for Annotation: the spans `v` lets the caller see. */
export function visibleSpanWhere(v: SpanVisibility): Prisma.AnnotationWhereInput {
  if (v.everything) return {};
  return { OR: [{ authorId: v.userId }, { article: { comparison: { isNot: null } } }] };
}

/** Where-clause fragment for Link: both ends visible. */
export function visibleLinkWhere(v: SpanVisibility): Prisma.LinkWhereInput {
  if (v.everything) return {};
  return { from: visibleSpanWhere(v), to: visibleSpanWhere(v) };
}

/**
 * The same rule as an SQL condition on an "Annotation" row aliased `alias`,
 * for the raw queries (search, matrix, claim counts, activity).
 */
export function visibleSpanSql(v: SpanVisibility, alias: string): Prisma.Sql {
  if (v.everything) return Prisma.sql`TRUE`;
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`Not an SQL alias: ${alias}`);
  const a = Prisma.raw(alias);
  return Prisma.sql`(${a}."authorId" = ${v.userId} OR EXISTS (SELECT 1 FROM "ArticleComparison" ac WHERE ac."articleId" = ${a}."articleId"))`;
}

/**
 * The rule for audit events (activity, live updates), as an SQL condition on
 * the event row `alias`: events of spans and links follow their objects (a
 * span's creation event carries its whole text); the caller's own events and
 * events of other kinds (articles, claims, imports, settings) are always
 * shown. A deleted span is judged by the author and article its delete event
 * recorded.
 */
export function visibleEventSql(v: SpanVisibility, alias: string): Prisma.Sql {
  if (v.everything) return Prisma.sql`TRUE`;
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`Not an SQL alias: ${alias}`);
  const e = Prisma.raw(alias);
  return Prisma.sql`(${e}."objectType" NOT IN ('annotation', 'link')
    OR ${e}."actorId" = ${v.userId}
    OR (${e}."objectType" = 'annotation' AND EXISTS (SELECT 1 FROM "Annotation" a WHERE a.id = ${e}."objectId" AND ${visibleSpanSql(v, 'a')}))
    OR (${e}."objectType" = 'annotation' AND ${e}.action = 'annotation.delete'
        AND (${e}.before->'author'->>'id' = ${v.userId}
             OR EXISTS (SELECT 1 FROM "ArticleComparison" ac WHERE ac."articleId" = ${e}.before->>'articleId')))
    OR (${e}."objectType" = 'link' AND EXISTS (
          SELECT 1 FROM "Link" l
            JOIN "Annotation" f ON f.id = l."fromAnnotationId"
            JOIN "Annotation" t ON t.id = l."toAnnotationId"
           WHERE l.id = ${e}."objectId" AND ${visibleSpanSql(v, 'f')} AND ${visibleSpanSql(v, 't')})))`;
}

/** The same rule for one span already loaded. */
export function isSpanVisible(v: SpanVisibility, span: { authorId: string; articleOpened: boolean }): boolean {
  return v.everything || span.authorId === v.userId || span.articleOpened;
}

/**
 * The caller's roles in a project and what they may see there, in one query.
 * A project they do not belong to answers 404, like requireProjectRoles.
 */
export async function requireSpanVisibility(userId: string, projectId: string): Promise<{ roles: ProjectRole[]; visibility: SpanVisibility }> {
  const found = await readSpanVisibility(db, userId, projectId);
  if (!found || found.roles.length === 0) throw notFound('Project');
  return found;
}

/**
 * The same, read with `client` (a transaction's, for an import), and for a
 * non-member too: no roles, so under independent annotation only their own
 * spans. Null if there is no such project.
 */
export async function readSpanVisibility(
  client: Pick<typeof db, 'project'>, userId: string, projectId: string,
): Promise<{ roles: ProjectRole[]; visibility: SpanVisibility } | null> {
  const project = await client.project.findUnique({
    where: { id: projectId },
    select: { independentAnnotation: true, memberships: { where: { userId }, select: { role: true } } },
  });
  if (!project) return null;
  const roles = project.memberships.map((m) => toProjectRole(m.role));
  return { roles, visibility: spanVisibility({ userId, roles, independentAnnotation: project.independentAnnotation }) };
}

/**
 * What the caller may see on one article (opened for comparison or not), with
 * its project; null if the article is not in one of their projects.
 */
export async function findArticleSpanVisibility(userId: string, articleId: string) {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: {
      projectId: true,
      comparison: { select: { openedAt: true } },
      project: { select: { independentAnnotation: true, memberships: { where: { userId }, select: { role: true } } } },
    },
  });
  const roles = article?.project.memberships.map((m) => toProjectRole(m.role)) ?? [];
  if (!article || roles.length === 0) return null;
  const visibility = spanVisibility({ userId, roles, independentAnnotation: article.project.independentAnnotation, articleOpened: article.comparison !== null });
  return { projectId: article.projectId, roles, visibility };
}
