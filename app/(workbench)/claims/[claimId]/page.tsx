import Link from 'next/link';
import { cache } from 'react';
import type { Metadata } from 'next';
import { requirePageCaller, loadOr404, titleFor } from '@/lib/auth/page-caller';
import { getClaim } from '@/lib/claims/get-claim';
import { projectRoles, can } from '@/lib/auth/permissions';
import { outletAnchor } from '@/lib/claims/outlet-anchor';
import { LABELS } from '@/lib/annotations/dto';
import { labelName, STATUS_NAMES } from '@/lib/annotations/labels';
import type { ClaimSpanDto } from '@/lib/claims/dto';
import type { SpanSummaryDto } from '@/lib/links/dto';
import { ObjectHistory } from '@/components/history/object-history';
import { RenameClaimForm } from './rename-claim-form';
import { DeleteClaimButton } from './delete-claim-button';
import { LinkReview } from './link-review';

/** Once per request, for the title and the page alike. */
const loadClaim = cache((callerId: string, claimId: string) => getClaim({ id: callerId }, claimId));

type Props = { params: Promise<{ claimId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { claimId } = await params;
  return titleFor('Claim', async (caller) => `Claim: ${(await loadClaim(caller.id, claimId)).text}`);
}

const spanHref = (s: { articleId: string; start: number }) => `/articles/${s.articleId}#cp-${s.start}`;

export default async function ClaimPage({ params }: Props) {
  const { claimId } = await params;
  const caller = await requirePageCaller(`/claims/${claimId}`);
  const claim = await loadOr404(() => loadClaim(caller.id, claimId));
  const roles = await projectRoles(caller.id, claim.projectId);
  const canEdit = can.annotate(roles);
  return (
    <main className="page cl-page">
      <p className="muted" style={{ margin: '0 0 0.25rem' }}>
        <Link href="/">Projects</Link> / <Link href={`/projects/${claim.projectId}`}>{claim.projectName}</Link> /{' '}
        <Link href={`/projects/${claim.projectId}/matrix`}>Claims matrix</Link> /
      </p>
      <h1>{claim.text}</h1>
      <div className="cl-meta muted">
        <span>
          {claim.spanCount} {claim.spanCount === 1 ? 'span' : 'spans'} from {claim.outletCount} {claim.outletCount === 1 ? 'outlet' : 'outlets'}
        </span>
        {LABELS.map((l) => (
          <span key={l} className={`badge ${l}`}>
            {claim.counts[l]} {l}
          </span>
        ))}
        {claim.verdict && (
          <span data-testid="claim-verdict">
            <strong>Verdict: {claim.verdict}</strong>
            {claim.verdictNote && <> — {claim.verdictNote}</>}
            {claim.verdictAt && <span className="muted"> (given {claim.verdictAt.slice(0, 10)})</span>}
          </span>
        )}
        <span>
          Created by {claim.author.name} · version {claim.version}
        </span>
      </div>
      {canEdit && <RenameClaimForm claimId={claim.id} text={claim.text} verdict={claim.verdict} verdictNote={claim.verdictNote} version={claim.version} />}
      {canEdit && <DeleteClaimButton claimId={claim.id} projectId={claim.projectId} version={claim.version} spanCount={claim.spanCount} />}

      {claim.groups.length === 0 ? (
        <div className="card muted">No spans are attached to this claim yet.</div>
      ) : (
        claim.groups.map((group) => (
          <section key={group.outlet} id={outletAnchor(group.outlet)} className="card cl-outlet" aria-label={group.outlet}>
            <h2>{group.outlet}</h2>
            {LABELS.filter((l) => group.labels[l].length > 0).map((l) => (
              <div key={l} className="cl-label">
                <h3>
                  {labelName(l)} ({group.labels[l].length})
                </h3>
                <ul className="cl-spans">
                  {group.labels[l].map((s) => (
                    <SpanItem key={s.id} span={s} />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))
      )}

      <h2 style={{ fontSize: '1.1rem', margin: '1.5rem 0 0.5rem' }}>Links between these spans</h2>
      {claim.links.length === 0 ? (
        <p className="muted">No links between the spans of this claim.</p>
      ) : (
        <table className="data" aria-label="Links">
          <thead>
            <tr>
              <th>From</th>
              <th>Link</th>
              <th>To</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {claim.links.map((link) => (
              <tr key={link.id}>
                <td>
                  <LinkEnd span={link.from} />
                </td>
                <td>
                  <span className={`cl-kind ${link.kind}`}>{link.kind} →</span>
                  <div className="muted" style={{ fontSize: '0.8rem' }}>
                    by {link.author.name}
                  </div>
                </td>
                <td>
                  <LinkEnd span={link.to} />
                </td>
                <td>
                  <LinkReview key={`${link.id}:${link.version}`} link={link} canDecide={can.reviewWork(roles, link.author.id, caller.id)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <section className="card cl-history" aria-label="Claim history">
        <ObjectHistory objectType="claim" objectId={claim.id} />
      </section>
    </main>
  );
}

function SpanItem({ span }: { span: ClaimSpanDto }) {
  return (
    <li className={`cl-span ${span.label}`}>
      <blockquote>“{span.exact}”</blockquote>
      <div className="muted">
        {span.speaker ? <strong>{span.speaker}</strong> : 'No speaker'} · <Link href={spanHref(span)}>{span.articleTitle}</Link> ·{' '}
        <span className={`status ${span.status}`}>{STATUS_NAMES[span.status]}</span> · tagged by {span.author.name}
      </div>
    </li>
  );
}

function LinkEnd({ span }: { span: SpanSummaryDto }) {
  return (
    <>
      <span className={`badge ${span.label}`}>{span.label}</span> <Link href={spanHref(span)}>“{span.exact}”</Link>
      <div className="muted" style={{ fontSize: '0.8rem' }}>
        {span.outlet ?? 'Unknown outlet'} · {span.articleTitle}
      </div>
    </>
  );
}
