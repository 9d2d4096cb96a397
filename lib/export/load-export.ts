import 'server-only';
import { db } from '@/lib/db/client';
import { requireProjectRoles } from '@/lib/auth/permissions';
import type { Label, ReviewStatus } from '@/lib/annotations/dto';
import type { ExportArticle, ExportScope } from './types';
import type { ExportQuery } from './schema';

const ARTICLES_PER_BATCH = 50;

const lower = <T extends string>(v: string) => v.toLowerCase() as T;

/** Who exports: a member of the project, or the admin command line. */
export type Exporter = { userId: string } | { cli: true };

/**
 * The export's scope, checked against the caller, and an async iterator over
 * its articles in batches: memory holds one batch, never the whole corpus.
 */
export async function openExport(exporter: Exporter, projectId: string, query: ExportQuery, baseUrl: string) {
  if ('userId' in exporter) await requireProjectRoles(exporter.userId, projectId);
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { id: true, name: true } });
  const spanWhere = {
    article: {
      projectId,
      ...(query.outlet && { outlet: { in: query.outlet } }),
      ...(query.articleId && { id: { in: query.articleId } }),
    },
    ...(query.label && { label: { in: query.label.map((l) => l.toUpperCase() as 'ASSERTION') } }),
    ...(query.status === 'approved' && { status: 'APPROVED' as const }),
  };
  const linkWhere = {
    projectId,
    ...(query.status === 'approved' && { status: 'APPROVED' as const }),
    from: spanWhere,
    to: spanWhere,
  };
  const [spans, links] = await Promise.all([db.annotation.count({ where: spanWhere }), db.link.count({ where: linkWhere })]);
  const scope: ExportScope = { projectId, projectName: project.name, baseUrl: baseUrl.replace(/\/$/, ''), total: { spans, links } };

  async function* articles(): AsyncGenerator<ExportArticle> {
    let cursor: string | undefined;
    for (;;) {
      const batch = await db.article.findMany({
        where: { projectId, ...(query.outlet && { outlet: { in: query.outlet } }), ...(query.articleId && { id: { in: query.articleId } }) },
        orderBy: { id: 'asc' },
        take: ARTICLES_PER_BATCH,
        ...(cursor && { cursor: { id: cursor }, skip: 1 }),
        select: {
          id: true, externalId: true, title: true, outlet: true, url: true, author: true, publishedAt: true, text: true, textHash: true,
          annotations: {
            where: spanWhere,
            orderBy: [{ start: 'asc' }, { end: 'asc' }],
            select: {
              id: true, label: true, start: true, end: true, exact: true, prefix: true, suffix: true, note: true, speaker: true,
              status: true, claimId: true, createdAt: true, updatedAt: true, author: { select: { id: true, name: true } },
              linksFrom: {
                where: linkWhere,
                orderBy: { createdAt: 'asc' },
                select: {
                  id: true, kind: true, status: true, fromAnnotationId: true, toAnnotationId: true, createdAt: true, updatedAt: true,
                  author: { select: { id: true, name: true } },
                  to: { select: { articleId: true, start: true, end: true, exact: true, prefix: true, suffix: true } },
                },
              },
            },
          },
        },
      });
      if (batch.length === 0) return;
      for (const a of batch) {
        yield {
          id: a.id, externalId: a.externalId, title: a.title, outlet: a.outlet, url: a.url, author: a.author,
          published: a.publishedAt?.toISOString().slice(0, 10) ?? null, text: a.text, textHash: a.textHash,
          spans: a.annotations.map(({ linksFrom: _l, label, status, ...s }) => ({ ...s, label: lower<Label>(label), status: lower<ReviewStatus>(status) })),
          links: a.annotations.flatMap((s) =>
            s.linksFrom.map((l) => ({
              id: l.id, kind: lower<'corroborates'>(l.kind), status: lower<ReviewStatus>(l.status), fromId: l.fromAnnotationId, toId: l.toAnnotationId,
              to: l.to, author: l.author, createdAt: l.createdAt, updatedAt: l.updatedAt,
            })),
          ),
        };
      }
      cursor = batch[batch.length - 1].id;
    }
  }
  return { scope, articles };
}
