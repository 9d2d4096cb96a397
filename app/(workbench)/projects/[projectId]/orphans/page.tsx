import Link from 'next/link';
import type { Metadata } from 'next';
import { ProjectCrumbs } from '@/components/project-crumbs';
import { requirePageCaller, loadOr404 } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { listOrphans } from '@/lib/annotations/list-orphans';
import { contextEllipsis as cut } from '@/lib/anchoring/code-points';
import { can } from '@/lib/auth/permissions';
import { ObjectHistory } from '@/components/history/object-history';
import { DeleteOrphan, PlaceOrphan } from './orphan-actions';
import { passageHref } from '@/lib/cross-source/location-hash';

export const metadata: Metadata = { title: 'Orphaned spans' };

export default async function OrphansPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}/orphans`);
  const [project, orphans] = await loadOr404(() => Promise.all([getProject(caller.id, projectId), listOrphans(caller.id, projectId)]));
  // Who may move or delete each orphan: its author or an admin, as the server checks.
  const movable = new Set(orphans.filter((o) => can.changeSpan(project.roles, o.author.id, caller.id)).map((o) => o.id));
  return (
    <main className="page">
      <ProjectCrumbs project={project} />
      <h1>Orphaned spans</h1>
      <p className="muted">
        A re-import changed these articles, and no confident place was found for these spans in the new text. They are kept as they
        were, with the words around them in the revision they were made on. Where the current text has a passage much like it, it is
        shown: <em>Place it here</em> moves the span there, keeping its links, claim and history. Otherwise tag the passage again in
        the current text (the new span starts without them), then delete the orphan.
      </p>
      {orphans.length === 0 ? (
        <p>No orphaned spans.</p>
      ) : (
        <ul className="rv-orphans" aria-label="Orphaned spans">
          {orphans.map((o) => (
            <li key={o.id} id={`span-${o.id}`} className="card" data-testid="orphan">
              <div className="rq-meta">
                <span className={`badge ${o.label}`}>{o.label}</span> by {o.author.name} in{' '}
                <Link href={`/articles/${o.article.id}`}>{o.article.title}</Link>
                {o.article.outlet && ` · ${o.article.outlet}`}
                {o.madeOnRevision !== null && (
                  <>
                    {' · made on '}
                    <Link href={`/articles/${o.article.id}/revisions?revision=${o.madeOnRevision}`}>revision {o.madeOnRevision}</Link>
                    {` (now ${o.article.revision})`}
                  </>
                )}
                {` · ${o.status}`}
              </div>
              <p className="rq-context">
                {cut(o.prefix)}
                {o.prefix}
                <mark className={`rq-mark ${o.label}`}>{o.exact}</mark>
                {o.suffix}
                {cut(o.suffix)}
              </p>
              {o.note && <p className="muted">Note: {o.note}</p>}
              {o.guess && (
                <div className="rv-guess" data-testid="orphan-guess">
                  <p className="rq-meta">
                    Most like it in the current text ({Math.round(o.guess.score * 100)}% alike
                    {o.guess.exact === o.exact ? ', the same words' : ''}):
                  </p>
                  <p className="rq-context">
                    {cut(o.guess.prefix)}
                    {o.guess.prefix}
                    <mark className={`rq-mark ${o.label}`}>{o.guess.exact}</mark>
                    {o.guess.suffix}
                    {cut(o.guess.suffix)}
                  </p>
                </div>
              )}
              {(o.links > 0 || o.claimId) && (
                <p className="muted" data-testid="orphan-keeps">
                  {whatItKeeps(o.links, o.claimId !== null)}
                </p>
              )}
              <div className="rq-actions">
                {o.guess && movable.has(o.id) && <PlaceOrphan id={o.id} start={o.guess.start} end={o.guess.end} version={o.version} />}
                {movable.has(o.id) && (
                  <Link className="btn" href={`/articles/${o.article.id}?place=${encodeURIComponent(o.id)}${o.guess ? `#cp-${o.guess.start}-${o.guess.end}` : ''}`}>
                    Choose its place in the article…
                  </Link>
                )}
                <Link className="btn" href={o.guess ? passageHref(o.article.id, o.guess.start, o.guess.end) : `/articles/${o.article.id}`}>
                  Tag it again in the current text
                </Link>
                {movable.has(o.id) && <DeleteOrphan id={o.id} quote={o.exact} />}
              </div>
              <ObjectHistory objectType="annotation" objectId={o.id} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

/** "It has 2 links and a claim: placing it keeps them; deleting it loses them." */
function whatItKeeps(links: number, inClaim: boolean): string {
  const parts = [links === 1 ? 'a link' : links > 1 ? `${links} links` : '', inClaim ? 'a claim' : ''].filter(Boolean);
  const them = links > 1 || parts.length > 1 ? 'them' : 'it';
  return `It has ${parts.join(' and ')}: placing it keeps ${them}; deleting it loses ${them}.`;
}
