import Link from 'next/link';
import type { Metadata } from 'next';
import { ProjectCrumbs } from '@/components/project-crumbs';
import { requirePageCaller, loadOr404 } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { getMatrix } from '@/lib/claims/get-matrix';
import { matrixQuery, type MatrixQuery } from '@/lib/claims/schema';
import { parsePageFilters } from '@/lib/api/page-query';
import { outletAnchor } from '@/lib/claims/outlet-anchor';
import { LABELS, REVIEW_STATUSES } from '@/lib/annotations/dto';
import { LABEL_OPTIONS, STATUS_NAMES } from '@/lib/annotations/labels';
import type { MatrixCell } from '@/lib/claims/dto';
import { filterMessage } from '@/components/filter-message';

export const metadata: Metadata = { title: 'Claims matrix' };

type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of each key; what the schema refuses is left out and named, the other filters kept. */
function readFilters(params: SearchParams): { filters: MatrixQuery; message: string | null } {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const { data, message } = parsePageFilters(matrixQuery, flat, {});
  return { filters: data, message };
}

export default async function MatrixPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<SearchParams> }) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}/matrix`);
  const { filters, message } = readFilters(await searchParams);
  const [project, matrix] = await loadOr404(() => Promise.all([getProject(caller.id, projectId), getMatrix(caller, projectId, filters)]));
  const filtered = Boolean(filters.outlet || filters.label || filters.status);
  return (
    <main className="page mx-page">
      <ProjectCrumbs project={project} />
      <h1>Claims × outlets</h1>
      <p className="muted mx-summary">
        {matrix.claims.length} {matrix.claims.length === 1 ? 'claim' : 'claims'} across {matrix.outlets.length}{' '}
        {matrix.outlets.length === 1 ? 'outlet' : 'outlets'}
        {filtered && ' (filtered)'}. Each cell counts the tagged spans an outlet&rsquo;s articles carry for a claim, by review status.
      </p>

      <form className="mx-filters card" method="get" aria-label="Filter the matrix">
        <label>
          Outlet
          <select name="outlet" defaultValue={filters.outlet ?? ''}>
            <option value="">All outlets</option>
            {matrix.allOutlets.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <select name="label" defaultValue={filters.label ?? ''}>
            <option value="">All tags</option>
            {LABEL_OPTIONS.map((l) => (
              <option key={l.value} value={l.value}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue={filters.status ?? ''}>
            <option value="">Any status</option>
            {REVIEW_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_NAMES[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort
          <select name="sort" defaultValue={filters.sort ?? 'outlets'}>
            <option value="outlets">Most outlets first</option>
            <option value="text">Claim A–Z</option>
          </select>
        </label>
        <button className="btn primary" type="submit">
          Apply
        </button>
        {(filtered || filters.sort) && (
          <Link className="mx-clear" href={`/projects/${project.id}/matrix`}>
            Clear
          </Link>
        )}
      </form>
      {filterMessage(message)}

      <p className="mx-legend muted" aria-hidden="true">
        {LABELS.map((l) => (
          <span key={l}>
            <span className={`badge ${l}`}>n</span> {l}
          </span>
        ))}
        <span>
          <span className="mx-bar mx-legend-bar">
            <span className="approved" style={{ flexGrow: 1 }} />
            <span className="pending" style={{ flexGrow: 1 }} />
            <span className="rejected" style={{ flexGrow: 1 }} />
          </span>{' '}
          approved · pending · rejected
        </span>
      </p>

      {matrix.claims.length === 0 ? (
        <div className="card muted">
          {filtered ? 'No claim has spans matching these filters.' : 'No claims yet. Create one from a tagged span in an article.'}
        </div>
      ) : (
        <div className="mx-scroll">
          <table className="data mx-table" aria-label="Claims by outlet">
            <thead>
              <tr>
                <th scope="col" className="mx-claim-col">
                  Claim
                </th>
                {matrix.outlets.map((o) => (
                  <th key={o} scope="col" className="mx-outlet-col">
                    {o}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.claims.map((claim) => (
                <tr key={claim.id}>
                  <th scope="row" className="mx-claim-col">
                    <Link href={`/claims/${claim.id}`}>{claim.text}</Link>
                    <div className="muted mx-meta">
                      {claim.spanCount} {claim.spanCount === 1 ? 'span' : 'spans'} · {claim.outletCount} {claim.outletCount === 1 ? 'outlet' : 'outlets'}
                    </div>
                  </th>
                  {matrix.outlets.map((o) => (
                    <td key={o} className="mx-cell">
                      {claim.cells[o] ? <Cell cell={claim.cells[o]} href={`/claims/${claim.id}#${outletAnchor(o)}`} outlet={o} /> : <span className="mx-empty">—</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

function Cell({ cell, href, outlet }: { cell: MatrixCell; href: string; outlet: string }) {
  return (
    // Named by its content (what a sighted user reads: counts per tag), led by the outlet for screen readers.
    <Link href={href} className="mx-cell-link">
      <span className="visually-hidden">{outlet}: </span>
      {LABELS.filter((l) => cell[l].count > 0).map((l) => {
        const c = cell[l];
        const breakdown = `${c.approved} approved, ${c.pending} pending, ${c.rejected} rejected`;
        return (
          <span key={l} className="mx-tag" title={`${c.count} ${l}: ${breakdown}`}>
            <span className={`badge ${l}`}>{c.count}</span>
            <span className="mx-tag-name">{l}</span>
            <span className="mx-bar" role="img" aria-label={breakdown}>
              <span className="approved" style={{ flexGrow: c.approved }} />
              <span className="pending" style={{ flexGrow: c.pending }} />
              <span className="rejected" style={{ flexGrow: c.rejected }} />
            </span>
            <span className="mx-counts" aria-hidden="true">
              {c.approved > 0 && <span className="approved">{c.approved} approved</span>}
              {c.pending > 0 && <span className="pending">{c.pending} pending</span>}
              {c.rejected > 0 && <span className="rejected">{c.rejected} rejected</span>}
            </span>
          </span>
        );
      })}
    </Link>
  );
}
