import type { Metadata } from 'next';
import { parsePageFilters } from '@/lib/api/page-query';
import { ProjectCrumbs } from '@/components/project-crumbs';
import { requirePageCaller, loadOr404 } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { listReviewQueue, queueQuery } from '@/lib/review/list-queue';
import { ReviewQueue } from '@/components/review/review-queue';
import { LinkReviewQueue } from '@/components/review/link-review-queue';
import { LABELS, REVIEW_STATUSES } from '@/lib/annotations/dto';
import { filterMessage } from '@/components/filter-message';

export const metadata: Metadata = { title: 'Review queue' };

export default async function ReviewPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string>> }) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}/review`);
  const { data: query, message } = parsePageFilters(queueQuery, await searchParams, queueQuery.parse({}));
  const filtered = query.status !== 'pending' || query.label || query.authorId || query.articleId || query.outlet;
  // "Nothing waiting" is for the pending queue as a whole; a filtered view says what it looked for.
  const empty = filtered ? `No ${query.status} ${query.kind === 'links' ? 'links' : 'spans'} match these filters.` : undefined;
  const [project, queue] = await loadOr404(() => Promise.all([getProject(caller.id, projectId), listReviewQueue(caller.id, projectId, query)]));
  return (
    <main className="page">
      <ProjectCrumbs project={project} />
      <h1>Review queue</h1>
      <form method="get" className="rq-filters" aria-label="Filter the queue">
        <label>
          Review
          <select name="kind" defaultValue={query.kind}>
            <option value="spans">tagged spans</option>
            <option value="links">links</option>
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue={query.status}>
            {REVIEW_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          {queue.kind === 'links' ? 'Tag (either end)' : 'Tag'}
          <select name="label" defaultValue={query.label ?? ''}>
            <option value="">any</option>
            {LABELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Analyst
          <select name="authorId" defaultValue={query.authorId ?? ''}>
            <option value="">any</option>
            {queue.counts.byAnalyst.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <button className="btn" type="submit">
          Filter
        </button>
      </form>
      {filterMessage(message)}
      <section className="rq-counts" aria-label="Decisions so far">
        <table className="data">
          <caption className="visually-hidden">{queue.kind === 'links' ? 'Links' : 'Spans'} by analyst{queue.kind === 'spans' && ' and by tag'}</caption>
          <thead>
            <tr>
              <th>{queue.kind === 'links' ? 'Links by' : 'Analyst'}</th>
              <th className="num">pending</th>
              <th className="num">approved</th>
              <th className="num">rejected</th>
            </tr>
          </thead>
          <tbody>
            {queue.counts.byAnalyst.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td className="num">{a.pending}</td>
                <td className="num">{a.approved}</td>
                <td className="num">{a.rejected}</td>
              </tr>
            ))}
          </tbody>
          {queue.kind === 'spans' && (
            <tbody>
              <tr>
                <th scope="rowgroup" colSpan={4}>
                  Tag
                </th>
              </tr>
              {Object.entries(queue.counts.byLabel).map(([label, c]) => (
                <tr key={label}>
                  <td>
                    <span className={`badge ${label}`}>{label}</span>
                  </td>
                  <td className="num">{c.pending}</td>
                  <td className="num">{c.approved}</td>
                  <td className="num">{c.rejected}</td>
                </tr>
              ))}
            </tbody>
          )}
        </table>
      </section>
      {queue.kind === 'links' ? (
        <LinkReviewQueue key="links" initialItems={queue.items} currentUserId={caller.id} limit={query.limit} empty={empty} />
      ) : (
        <ReviewQueue key="spans" initialItems={queue.items} currentUserId={caller.id} limit={query.limit} projectId={project.id} empty={empty} />
      )}
    </main>
  );
}
