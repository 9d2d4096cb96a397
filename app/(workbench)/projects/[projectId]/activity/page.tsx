import type { Metadata } from 'next';
import { ProjectCrumbs } from '@/components/project-crumbs';
import { requirePageCaller, loadOr404 } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { activityQuery, listActivity } from '@/lib/audit/list-events';

export const metadata: Metadata = { title: 'Activity' };

const ACTIONS = [
  'annotation.create', 'annotation.update', 'annotation.delete', 'annotation.review', 'annotation.reanchor', 'annotation.orphan',
  'link.create', 'link.delete', 'link.review', 'article.revise',
];

function describe(e: { action: string; before: unknown; after: unknown }): string {
  const after = (e.after ?? {}) as Record<string, unknown>;
  const before = (e.before ?? {}) as Record<string, unknown>;
  const quote = (after.exact ?? before.exact) as string | undefined;
  if (e.action.endsWith('.review')) return `${String(after.status)}${after.comment ? `: “${String(after.comment)}”` : ''}`;
  return quote ? `“${quote.length > 90 ? `${quote.slice(0, 90)}…` : quote}”` : '';
}

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string>> }) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}/activity`);
  const parsed = activityQuery.safeParse(Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v)));
  const query = parsed.success ? parsed.data : activityQuery.parse({});
  const [project, events] = await loadOr404(() => Promise.all([getProject(caller.id, projectId), listActivity(caller.id, projectId, query)]));
  return (
    <main className="page">
      <ProjectCrumbs project={project} />
      <h1>Activity</h1>
      <form method="get" className="rq-filters" aria-label="Filter activity">
        <label>
          Action
          <select name="action" defaultValue={query.action ?? ''}>
            <option value="">any</option>
            {ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <button className="btn" type="submit">
          Filter
        </button>
      </form>
      <table className="data" aria-label="Events">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Who</th>
            <th>What</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td style={{ whiteSpace: 'nowrap' }}>{e.createdAt.replace('T', ' ').slice(0, 19)}</td>
              <td>{e.actor?.name ?? 'system'}</td>
              <td>{e.action}</td>
              <td>{describe(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
