import Link from 'next/link';
import type { ArticleNeighboursDto } from '@/lib/articles/article-neighbours';

const clip = (title: string) => (Array.from(title).length > 60 ? `${Array.from(title).slice(0, 59).join('')}…` : title);

/** Previous and next article of the project's list, and where this one stands in it. */
export function ArticleSteps({ neighbours: n }: { neighbours: ArticleNeighboursDto }) {
  if (n.total <= 1) return null;
  return (
    <nav className="article-steps muted" aria-label="Articles of this project">
      {n.previous ? (
        <Link href={`/articles/${n.previous.id}`} rel="prev" title={n.previous.title}>
          ‹ Previous: {clip(n.previous.title)}
        </Link>
      ) : (
        <span aria-disabled="true">‹ Previous</span>
      )}
      <span>
        Article {n.position.toLocaleString('en-US')} of {n.total.toLocaleString('en-US')}
      </span>
      {n.next ? (
        <Link href={`/articles/${n.next.id}`} rel="next" title={n.next.title}>
          Next: {clip(n.next.title)} ›
        </Link>
      ) : (
        <span aria-disabled="true">Next ›</span>
      )}
    </nav>
  );
}
