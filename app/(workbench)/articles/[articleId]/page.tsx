import Link from 'next/link';
import { ExportMenu } from '@/components/export-menu';
import { cache } from 'react';
import type { Metadata } from 'next';
import { requirePageCaller, loadOr404, titleFor } from '@/lib/auth/page-caller';
import { getArticle } from '@/lib/articles/get-article';
import { getSpanContext } from '@/lib/articles/span-context';
import { loadSpanContextAction } from '@/lib/articles/actions';
import { can } from '@/lib/auth/permissions';
import { ArticleReader } from '@/components/article/article-reader';
import { ArticleSteps } from '@/components/article/article-steps';
import { articleNeighbours } from '@/lib/articles/article-neighbours';
import { listFilters, listHref, DEFAULT_PER_PAGE } from '@/components/article-list-href';

/** Once per request, for the title and the page alike. */
const loadArticle = cache(getArticle);

type Props = { params: Promise<{ articleId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { articleId } = await params;
  return titleFor('Article', async (caller) => {
    const { article } = await loadArticle(caller.id, articleId);
    return article.outlet ? `${article.title} · ${article.outlet}` : article.title;
  });
}

export default async function ArticlePage({ params, searchParams }: Props) {
  const { articleId } = await params;
  const caller = await requirePageCaller(`/articles/${articleId}`);
  // Opened from a filtered article list: previous/next walk that list (the filters ride along in the links).
  const query = await searchParams;
  const list = listFilters(query);
  const [{ article, annotations, orphans, roles, onlyOwnSpans }, spanContext, neighbours] = await loadOr404(() =>
    Promise.all([loadArticle(caller.id, articleId), getSpanContext(caller.id, articleId), articleNeighbours(caller.id, articleId, list)]),
  );
  const projectHref = listHref(`/projects/${article.projectId}`, neighbours.filtered ? list : {}, Math.ceil(neighbours.position / (list.perPage ?? DEFAULT_PER_PAGE)));
  return (
    <main className="page" style={{ maxWidth: 1400 }}>
      <p className="muted" style={{ margin: '0 0 0.25rem' }}>
        <Link href="/">Projects</Link> / <Link href={projectHref}>{article.projectName}</Link> /
      </p>
      <ArticleSteps neighbours={neighbours} list={neighbours.filtered ? list : {}} />
      <h1 style={{ marginBottom: '0.25rem' }}>{article.title}</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {article.outlet ?? 'Unknown outlet'}
        {article.published && ` · ${article.published}`}
        {article.author && ` · ${article.author}`} · <Link href={`/articles/${article.id}/revisions`}>revisions</Link>
        {can.review(roles) && (
          <>
            {' '}
            · <Link href={`/articles/${article.id}/compare`}>compare analysts</Link>
          </>
        )}
      </p>
      <div className="article-export">
        <ExportMenu projectId={article.projectId} articleId={article.id} />
      </div>
      {onlyOwnSpans && (
        <p className="muted" data-testid="only-own-spans">
          Independent annotation: you see only your own spans here until a reviewer opens this article for comparison.
        </p>
      )}
      {orphans.length > 0 && (
        <p className="muted" data-testid="orphan-notice" role="note">
          {orphans.length === 1 ? '1 span' : `${orphans.length} spans`} lost {orphans.length === 1 ? 'its' : 'their'} place when this
          article was revised and {orphans.length === 1 ? 'is' : 'are'} not drawn here:{' '}
          <Link href={`/projects/${article.projectId}/orphans`}>see the orphaned spans</Link>.
        </p>
      )}
      {/* Keyed: following a link to another article must start a fresh reader, not reuse this one's state. */}
      <ArticleReader
        key={article.id}
        articleId={article.id}
        projectId={article.projectId}
        text={article.text}
        textHash={article.textHash}
        initialAnnotations={annotations}
        orphanIds={orphans.map((o) => o.id)}
        placing={orphans.find((o) => o.id === query.place)}
        roles={roles}
        currentUserId={caller.id}
        spanContext={spanContext}
        loadSpanContext={loadSpanContextAction}
      />
    </main>
  );
}
