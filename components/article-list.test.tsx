import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ArticleList } from './article-list';

const render = (total: number, query: { q?: string; page?: number } = {}) =>
  renderToStaticMarkup(
    <ArticleList
      projectId="p1"
      query={{ sort: 'published', page: query.page ?? 1, perPage: 100, q: query.q }}
      list={{ articles: [], total, page: query.page ?? 1, perPage: 100 }}
      outlets={[]}
    />,
  );

describe('ArticleList', () => {
  it('says an empty project has no articles, without a table of no rows under it', () => {
    const html = render(0);
    expect(html).toContain('No articles yet.');
    expect(html).not.toContain('<table');
  });

  it('shows no empty table when the filters match nothing, or past the last page', () => {
    expect(render(0, { q: 'nothing' })).toContain('No article matches these filters.');
    expect(render(0, { q: 'nothing' })).not.toContain('<table');
    expect(render(5, { page: 3 })).toContain('Go to the last page');
    expect(render(5, { page: 3 })).not.toContain('<table');
  });
});
