import Link from 'next/link';
import type { Metadata } from 'next';
import { shortQuote } from '@/components/article/link-kinds';
import { ProjectCrumbs } from '@/components/project-crumbs';
import { requirePageCaller, loadOr404 } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { getAgreement } from '@/lib/agreement/get-agreement';
import { LABELS } from '@/lib/annotations/dto';

export const metadata: Metadata = { title: 'Agreement' };

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));

export default async function AgreementPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}/agreement`);
  const [project, report] = await loadOr404(() => Promise.all([getProject(caller.id, projectId), getAgreement(caller.id, projectId)]));
  const name = (id: string) => report.names[id] ?? id;
  return (
    <main className="page">
      <ProjectCrumbs project={project} />
      <h1>Agreement</h1>
      <p className="muted">
        Character-level agreement over each article&apos;s text. Cohen&apos;s κ per pair of analysts (overall and per tag);
        Krippendorff&apos;s α (nominal) across all analysts: {report.alpha ? fmt(report.alpha.alpha) : '— (needs two analysts who tagged the same article)'}
        {report.alpha && ` (${report.alpha.n} pairable characters)`}.
      </p>
      {report.pairs.length === 0 ? (
        <p className="muted">No two analysts have tagged the same article yet.</p>
      ) : (
        <div className="mx-scroll">
          <table className="data" aria-label="Agreement per pair">
            <thead>
              <tr>
                <th>Analysts</th>
                <th className="num">articles</th>
                <th className="num">characters</th>
                <th className="num">κ overall</th>
                {LABELS.map((l) => (
                  <th key={l} className="num">
                    κ {l}
                  </th>
                ))}
                <th className="num">mismatches</th>
              </tr>
            </thead>
            <tbody>
              {report.pairs.map((p) => (
                <tr key={`${p.a}-${p.b}`}>
                  <td>
                    {name(p.a)} · {name(p.b)}
                  </td>
                  <td className="num">{p.articles}</td>
                  <td className="num">{p.items}</td>
                  <td className="num">{fmt(p.overall.kappa)}</td>
                  {LABELS.map((l) => (
                    <td key={l} className="num">
                      {fmt(p.perLabel[l].kappa)}
                    </td>
                  ))}
                  <td className="num">{p.mismatches.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.pairs.some((p) => p.mismatches.length) && (
        <>
          <h2 style={{ fontSize: '1.1rem', marginTop: '1.5rem' }}>Spans that do not match</h2>
          <div className="mx-scroll">
            <table className="data" aria-label="Mismatches">
              <thead>
                <tr>
                  <th>Analyst</th>
                  <th>Tag</th>
                  <th>Reason</th>
                  <th>Where</th>
                  <th>Compare</th>
                </tr>
              </thead>
              <tbody>
                {report.pairs.flatMap((p) =>
                  p.mismatches.slice(0, 200).map((m) => (
                    <tr key={`${p.a}-${p.b}-${m.spanId}`}>
                      <td>{name(m.annotator)}</td>
                      <td>
                        <span className={`badge ${m.label}`}>{m.label}</span>
                      </td>
                      <td>{m.reason}</td>
                      <td>
                        <Link href={`/articles/${m.articleId}#span-${m.spanId}`}>
                          {report.quotes[m.spanId] !== undefined ? `“${shortQuote(report.quotes[m.spanId], 80)}”` : `code points ${m.start}–${m.end}`}
                        </Link>
                      </td>
                      <td>
                        <Link href={`/articles/${m.articleId}/compare?a=${encodeURIComponent(p.a)}&b=${encodeURIComponent(p.b)}`}>side by side</Link>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </main>
  );
}
