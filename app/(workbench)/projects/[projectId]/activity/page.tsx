import type { Metadata } from 'next';
import Link from 'next/link';
import { AppError } from '@/lib/errors';
import { pageHref } from '@/components/pager';
import { plural, shortQuote } from '@/components/article/link-kinds';
import { parsePageFilters } from '@/lib/api/page-query';
import { ProjectCrumbs } from '@/components/project-crumbs';
import { requirePageCaller, loadOr404 } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { listMembers } from '@/lib/projects/list-members';
import { activityQuery, listActivity, type SpanRef } from '@/lib/audit/list-events';
import { AUDIT_ACTIONS, type AuditAction } from '@/lib/audit/actions';
import { filterMessage } from '@/components/filter-message';
import { utcTime } from '@/components/utc-time';

export const metadata: Metadata = { title: 'Activity' };


const clip = (s: string) => `“${shortQuote(s)}”`;

/** A few words on what changed, from the event's before/after; a span's words only when the row does not show the span already (`quoted`). */
function describe(e: { action: string; objectId: string; before: unknown; after: unknown }, quoted: boolean, names: ReadonlyMap<string, string>): string {
  const after = (e.after ?? {}) as Record<string, unknown>;
  const before = (e.before ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  if (e.action.endsWith('.review')) return `${String(after.status)}${after.comment ? `: ${clip(String(after.comment))}` : ''}`;
  if (e.action === 'import') {
    const spans = Number(after.spans ?? 0);
    return `${String(after.file ?? '')}: ${Number(after.added ?? 0)} added, ${Number(after.revised ?? 0)} revised${after.updated ? `, ${Number(after.updated)} with corrected details` : ''}${spans ? `, ${spans} spans` : ''}${after.links ? `, ${Number(after.links)} links` : ''}`;
  }
  if (e.action === 'export') {
    const filters = (after.filters ?? {}) as Record<string, unknown>;
    const list = (key: string, name: string) => (Array.isArray(filters[key]) && filters[key].length ? `${name} ${(filters[key] as string[]).join(', ')}` : null);
    const articles = Array.isArray(filters.articleId) ? plural(filters.articleId.length, 'article') : null;
    return [String(after.format ?? ''), `${String(after.status ?? 'approved')} spans`, list('label', 'tags'), list('outlet', 'outlets'), articles].filter(Boolean).join(' · ');
  }
  if (e.action.startsWith('link.')) return quoted ? '' : (str(after.kind ?? before.kind)?.toLowerCase() ?? '');
  if (e.action === 'member.update') {
    const roles = (v: unknown) => (Array.isArray(v) && v.length ? v.join(', ') : 'none');
    return `${names.get(e.objectId) ?? 'a former member'}: ${roles(before.roles)} → ${roles(after.roles)}`;
  }
  if (e.action === 'project.update' && typeof after.independentAnnotation === 'boolean') {
    return `independent annotation ${after.independentAnnotation ? 'on' : 'off'}`;
  }
  if (e.action === 'article.revise') {
    const spans = (after.spans ?? {}) as Record<string, unknown>;
    const counts = (['kept', 'reanchored', 'orphaned'] as const).filter((k) => Number(spans[k]) > 0).map((k) => `${Number(spans[k])} ${k === 'reanchored' ? 're-anchored' : k}`);
    return [`revision ${String(after.revision ?? '?')}`, counts.length ? `spans: ${counts.join(', ')}` : ''].filter(Boolean).join(' · ');
  }
  if (e.action === 'article.update') {
    return Object.keys(after).map((k) => `${k === 'publishedAt' ? 'date' : k}: ${str(before[k]) ? clip(String(before[k])) : '(none)'} → ${clip(String(after[k]))}`).join(' · ');
  }
  if (e.action === 'claim.update') {
    // What changed: the wording, the verdict, or both.
    const changes = [
      after.text !== before.text && str(after.text) && `now ${clip(String(after.text))}`,
      (after.verdict !== before.verdict || (after.verdictNote !== undefined && (before.verdictNote ?? null) !== after.verdictNote)) &&
        (str(after.verdict) ? `verdict: ${String(after.verdict)}${str(after.verdictNote) ? ` (${clip(String(after.verdictNote))})` : ''}` : 'verdict removed'),
    ].filter(Boolean);
    return changes.length ? changes.join(' · ') : 'no change';
  }
  // The row quotes the span's words after the move; what it moved from, when the words changed.
  if (quoted && (e.action === 'annotation.reanchor' || e.action === 'annotation.place')) {
    return str(before.exact) && str(after.exact) && before.exact !== after.exact ? `was ${clip(String(before.exact))}` : '';
  }
  if (quoted) return '';
  const words = str(after.exact) ?? str(before.exact) ?? str(after.text) ?? str(before.text);
  return words ? clip(words) : '';
}

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string>> }) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}/activity`);
  const { data: query, message } = parsePageFilters(activityQuery, await searchParams, activityQuery.parse({}));
  let stalePosition: string | null = null;
  // A paging link to an event this project does not have (edited, or from another project): the newest events, and why.
  // One event more than shown: whether there are older ones.
  const activity = () =>
    listActivity(caller.id, projectId, { ...query, limit: query.limit + 1 }).catch((e: unknown) => {
      if (!(e instanceof AppError && e.code === 'BAD_REQUEST')) throw e;
      stalePosition = e.message;
      return listActivity(caller.id, projectId, { ...query, limit: query.limit + 1, beforeEvent: undefined });
    });
  const [project, fetched, members] = await loadOr404(() => Promise.all([getProject(caller.id, projectId), activity(), listMembers(caller.id, projectId)]));
  const events = fetched.slice(0, query.limit);
  const memberNames = new Map(members.map((m) => [m.id, m.name]));
  const older = fetched.length > query.limit;
  const path = `/projects/${projectId}/activity`;
  // What the paging links keep: the filters (not the position).
  const keep = { action: query.action, objectType: query.objectType, actorId: query.actorId, limit: query.limit === 100 ? undefined : String(query.limit) };
  const paged = (query.beforeEvent !== undefined && stalePosition === null) || query.before !== undefined;
  return (
    <main className="page">
      <ProjectCrumbs project={project} />
      <h1>Activity</h1>
      <form method="get" className="rq-filters" aria-label="Filter activity">
        <label>
          Action
          <select name="action" defaultValue={query.action ?? ''}>
            <option value="">any</option>
            {Object.entries(AUDIT_ACTIONS).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Who
          <select name="actorId" defaultValue={query.actorId ?? ''}>
            <option value="">anyone</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        {/* Filters set from elsewhere (a link, the API's names) stay when the others change. */}
        {query.objectType && <input type="hidden" name="objectType" value={query.objectType} />}
        {query.limit !== 100 && <input type="hidden" name="limit" value={query.limit} />}
        <button className="btn" type="submit">
          Filter
        </button>
      </form>
      {filterMessage(message)}
      {stalePosition && (
        <p className="error-text" role="status">
          {stalePosition}; showing the newest events.
        </p>
      )}
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
              <td style={{ whiteSpace: 'nowrap' }}>{utcTime(e.createdAt)}</td>
              <td>{e.actor?.name ?? 'system'}</td>
              <td>{whatLink(e, AUDIT_ACTIONS[e.action as AuditAction] ?? e.action)}</td>
              <td>
                {e.span && (
                  <>
                    {spanName({ ...e.span, id: e.objectId })}{' '}
                  </>
                )}
                {e.link && (
                  <>
                    {spanName(e.link.from)} {e.link.kind} {spanName(e.link.to)}{' '}
                  </>
                )}
                {describe(e, Boolean(e.span || e.link), memberNames)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length === 0 && (
        <p className="muted">{paged ? 'No older events.' : query.action || query.actorId || query.objectType ? 'No events match these filters.' : 'No events yet.'}</p>
      )}
      {(older || paged) && (
        <nav className="pager" aria-label="Older and newer events">
          {paged && <Link href={pageHref(path, keep, 1)}>« Newest</Link>}
          {older && <Link href={pageHref(path, { ...keep, beforeEvent: events.at(-1)!.id }, 1)}>Older events ›</Link>}
        </nav>
      )}
    </main>
  );
}

/** The action's words, linked to the claim or article it changed (spans and links are linked in the detail); a deleted claim has no page. */
function whatLink(e: { action: string; objectType: string; objectId: string }, words: string) {
  if (e.objectType === 'claim' && e.action !== 'claim.delete') return <Link href={`/claims/${e.objectId}`}>{words}</Link>;
  if (e.objectType === 'article') return <Link href={`/articles/${e.objectId}`}>{words}</Link>;
  return words;
}

/** A span in a row: its words, linked to it in its article, or marked deleted. A plain function: the row's text stays in the page's own tree. */
function spanName(span: SpanRef | null) {
  if (!span) return <span className="muted">a span</span>;
  if (span.deleted) return <span title="This span was deleted since">{clip(span.exact)} (deleted)</span>;
  return <Link href={`/articles/${span.articleId}#span-${span.id}`}>{clip(span.exact)}</Link>;
}
