import Link from 'next/link';
import type { Metadata } from 'next';
import { parsePageQuery } from '@/lib/api/page-query';
import { ProjectCrumbs } from '@/components/project-crumbs';
import { requirePageCaller, loadOr404 } from '@/lib/auth/page-caller';
import { comparisonQuery } from '@/lib/review/comparison-schema';
import { getComparison } from '@/lib/review/get-comparison';
import { ComparisonView } from '@/components/review/comparison-view';

export const metadata: Metadata = { title: 'Compare analysts' };

/** Reviewers and admins: two analysts' spans on one article, side by side (404 for everyone else). */
export default async function ComparePage({ params, searchParams }: { params: Promise<{ articleId: string }>; searchParams: Promise<Record<string, string>> }) {
  const { articleId } = await params;
  const caller = await requirePageCaller(`/articles/${articleId}/compare`);
  const parsed = parsePageQuery(comparisonQuery, await searchParams);
  const comparison = await loadOr404(() => getComparison(caller.id, articleId, parsed.success ? parsed.data : {}));
  const { article, analysts, a, b } = comparison;
  // Asked for analysts who have not tagged this article (or a malformed query): say so rather than show nothing.
  const asked = parsed.success ? [parsed.data.a, parsed.data.b].filter(Boolean) : [];
  const unknown = !parsed.success || asked.some((id) => !analysts.some((x) => x.id === id));
  return (
    <main className="page" style={{ maxWidth: 1600 }}>
      <ProjectCrumbs project={{ id: article.projectId, name: article.projectName }} />
      <h1 style={{ marginBottom: '0.25rem' }}>Compare analysts: {article.title}</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {article.outlet ?? 'Unknown outlet'} · <Link href={`/articles/${article.id}`}>open in the reader</Link> ·{' '}
        <Link href={`/projects/${article.projectId}/agreement`}>project agreement</Link>
      </p>
      {analysts.length < 2 ? (
        <p className="muted">Fewer than two analysts have tagged this article{analysts.length === 1 ? ` (only ${analysts[0]!.name})` : ''}: nothing to compare.</p>
      ) : (
        <>
          <form method="get" className="rq-filters" aria-label="Choose analysts">
            <AnalystSelect label="Analyst A" name="a" analysts={analysts} selected={a?.id} />
            <AnalystSelect label="Analyst B" name="b" analysts={analysts} selected={b?.id} />
            <button className="btn" type="submit">
              Compare
            </button>
          </form>
          {unknown && (
            <p className="error-text" role="status" data-testid="compare-unknown">
              {parsed.success ? 'One of the analysts asked for has no spans on this article.' : parsed.message} Choose two analysts above.
            </p>
          )}
          {/* Keyed: another pair of analysts starts a fresh view, not this one's decisions and position. */}
          <ComparisonView key={`${a?.id}-${b?.id}`} comparison={comparison} />
        </>
      )}
    </main>
  );
}

function AnalystSelect({ label, name, analysts, selected }: { label: string; name: string; analysts: { id: string; name: string; spans: number }[]; selected?: string }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={selected}>
        {analysts.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name} ({x.spans})
          </option>
        ))}
      </select>
    </label>
  );
}
