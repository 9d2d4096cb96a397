import Link from 'next/link';
import type { Metadata } from 'next';
import { requirePageCaller, loadOr404 } from '@/lib/auth/page-caller';
import { getArticle } from '@/lib/articles/get-article';
import { can } from '@/lib/auth/permissions';
import { ArticleReader } from '@/components/article/article-reader';

export const metadata: Metadata = { title: 'Article' };

export default async function ArticlePage({ params }: { params: Promise<{ articleId: string }> }) {
  const { articleId } = await params;
  const caller = await requirePageCaller(`/articles/${articleId}`);
  const { article, annotations, roles } = await loadOr404(() => getArticle(caller.id, articleId));
  return (
    <main className="page" style={{ maxWidth: 1400 }}>
      <p className="muted" style={{ margin: '0 0 0.25rem' }}>
        <Link href="/">Projects</Link> / <Link href={`/projects/${article.projectId}`}>{article.projectName}</Link> /
      </p>
      <h1 style={{ marginBottom: '0.25rem' }}>{article.title}</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {article.outlet ?? 'Unknown outlet'}
        {article.published && ` · ${article.published}`}
        {article.author && ` · ${article.author}`}
      </p>
      <ArticleReader
        articleId={article.id}
        text={article.text}
        textHash={article.textHash}
        initialAnnotations={annotations}
        canAnnotate={can.annotate(roles)}
        currentUserId={caller.id}
      />
    </main>
  );
}
