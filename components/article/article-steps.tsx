import Link from 'next/link';
import type { ArticleNeighboursDto } from '@/lib/articles/article-neighbours';
import { listHref, type ListFilters } from '../article-list-href';
import { ArticleStepKeys } from './article-step-keys';

const clip = (title: string) => (Array.from(title).length > 60 ? `${Array.from(title).slice(0, 59).join('')}…` : title);

/** Previous and next article of the project's list (as filtered, when `list` has filters), and where this one stands in it. */
export function ArticleSteps({ neighbours: n, list }: { neighbours: ArticleNeighboursDto; list: ListFilters }) {
  if (n.total <= 1) return null;
  const href = (id: string) => listHref(`/articles/${id}`, list);
  return (
    <nav className="article-steps muted" aria-label="Articles of this project" aria-keyshortcuts="Shift+PageUp Shift+PageDown">
      <ArticleStepKeys previousHref={n.previous && href(n.previous.id)} nextHref={n.next && href(n.next.id)} />
      {n.previous ? (
        <Link href={href(n.previous.id)} rel="prev" title={`${n.previous.title} (Shift+PageUp)`}>
          ‹ Previous: {clip(n.previous.title)}
        </Link>
      ) : (
        <span aria-disabled="true">‹ Previous</span>
      )}
      <span>
        Article {n.position.toLocaleString('en-US')} of {n.total.toLocaleString('en-US')}
        {n.filtered && ' that match'}
      </span>
      {n.next ? (
        <Link href={href(n.next.id)} rel="next" title={`${n.next.title} (Shift+PageDown)`}>
          Next: {clip(n.next.title)} ›
        </Link>
      ) : (
        <span aria-disabled="true">Next ›</span>
      )}
    </nav>
  );
}
