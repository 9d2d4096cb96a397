import Link from 'next/link';
import { cache } from 'react';
import type { Metadata } from 'next';
import { ProjectCrumbs } from '@/components/project-crumbs';
import { requirePageCaller, loadOr404, titleFor } from '@/lib/auth/page-caller';
import { listRevisions } from '@/lib/articles/list-revisions';
import { getRevision } from '@/lib/articles/get-revision';
import type { TextDiff } from '@/lib/articles/diff-texts';
import { utcTime } from '@/components/utc-time';

/** Once per request, for the title and the page alike. */
const loadRevisions = cache(listRevisions);

type Props = { params: Promise<{ articleId: string }>; searchParams: Promise<Record<string, string>> };

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const { articleId } = await params;
  return titleFor('Revisions', async (caller) => `Revisions · ${(await loadRevisions(caller.id, articleId)).title}`);
}

const when = (iso: string | null) => (iso ? utcTime(iso) : '—');

/** Text only: React escapes every piece, so imported text can never become markup. */
function Diff({ diff }: { diff: TextDiff }) {
  // A group, so screen readers announce the name (they ignore one on a bare div).
  return (
    <div className="rv-diff" role="group" aria-label="Changes">
      {diff.map(([op, text], i) => (op === 1 ? <ins key={i}>{text}</ins> : op === -1 ? <del key={i}>{text}</del> : <span key={i}>{text}</span>))}
    </div>
  );
}

export default async function RevisionsPage({ params, searchParams }: Props) {
  const { articleId } = await params;
  const caller = await requirePageCaller(`/articles/${articleId}/revisions`);
  const list = await loadOr404(() => loadRevisions(caller.id, articleId));
  const current = list.revisions[list.revisions.length - 1];
  // Which older revision to compare with the current text: ?revision=N, else the previous one.
  const raw = (await searchParams).revision;
  const asked = Number(raw);
  const valid = Number.isInteger(asked) && asked >= 1 && asked < current.revision;
  const older = valid ? asked : current.revision - 1;
  const compared = older >= 1 ? await loadOr404(() => getRevision(caller.id, articleId, older)) : null;
  // The changes (inline, the default), or the older text alone, as it was read then.
  const asText = (await searchParams).view === 'text';
  const view = (text: boolean) => `/articles/${articleId}/revisions?revision=${older}${text ? '&view=text' : ''}`;
  return (
    <main className="page">
      <ProjectCrumbs project={{ id: list.projectId, name: list.projectName }} />
      <h1>
        Revisions of <Link href={`/articles/${articleId}`}>{list.title}</Link>
      </h1>
      <table className="data" aria-label="Revisions">
        <thead>
          <tr>
            <th>Revision</th>
            <th>Imported (UTC)</th>
            <th>Replaced (UTC)</th>
            <th className="num">Length</th>
            <th>Text hash</th>
            {/* Named for screen readers, which read a cell's header with it; sighted users see the links. */}
            <th>
              <span className="visually-hidden">Compare</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.revisions.map((r) => (
            <tr key={r.revision} className={r.revision === older ? 'rv-selected' : undefined}>
              <td>
                {r.revision}
                {r.current && <span className="muted"> (current)</span>}
              </td>
              <td>{when(r.createdAt)}</td>
              <td>{when(r.replacedAt)}</td>
              <td className="num">{r.length}</td>
              <td>
                <code>{r.textHash.slice(0, 12)}</code>
              </td>
              <td>{!r.current && <Link href={`/articles/${articleId}/revisions?revision=${r.revision}`}>Compare with current</Link>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {raw !== undefined && !valid && (
        <p className="error-text" role="status" data-testid="revision-unknown">
          There is no earlier revision “{raw}” of this article{older >= 1 ? `; showing revision ${older}` : ''}.
        </p>
      )}
      {compared ? (
        <section className="rv-section">
          <h2>{asText ? `Revision ${compared.revision} as it was` : `Revision ${compared.revision} → current (${compared.currentRevision})`}</h2>
          <nav className="rv-views" aria-label="Show">
            {asText ? <Link href={view(false)}>Changes to the current text</Link> : <span aria-current="page">Changes to the current text</span>}
            {asText ? <span aria-current="page">Revision {compared.revision} as it was</span> : <Link href={view(true)}>Revision {compared.revision} as it was</Link>}
          </nav>
          {asText ? (
            // Text only, as the diff: React escapes it.
            <div className="rv-diff" aria-label={`Text of revision ${compared.revision}`}>
              {compared.text}
            </div>
          ) : (
            <>
              <p className="muted rv-legend">
                <del>removed</del> <ins>added</ins>
              </p>
              <Diff diff={compared.diff} />
            </>
          )}
        </section>
      ) : (
        <p className="muted">This article has had one text only: nothing to compare.</p>
      )}
    </main>
  );
}
