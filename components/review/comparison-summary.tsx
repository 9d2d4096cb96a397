import { LABELS } from '@/lib/annotations/dto';
import { labelName } from '@/lib/annotations/labels';
import type { ComparisonAgreement } from '@/lib/review/comparison-dto';

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** The pair's agreement on this article, at the top of the comparison view. */
export function ComparisonSummary({ agreement, nameA, nameB }: { agreement: ComparisonAgreement; nameA: string; nameB: string }) {
  return (
    <table className="data cmp-summary" aria-label="Agreement on this article">
      <thead>
        <tr>
          <th>Analysts</th>
          <th className="num">κ overall</th>
          {LABELS.map((l) => (
            <th key={l} className="num">
              κ {labelName(l).toLowerCase()}
            </th>
          ))}
          <th className="num">exact</th>
          <th className="num">partial</th>
          <th className="num">tags differ</th>
          <th className="num">only A</th>
          <th className="num">only B</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>
            {nameA} · {nameB}
          </td>
          <td className="num" data-testid="kappa-overall">
            {fmt(agreement.overall.kappa)}
          </td>
          {LABELS.map((l) => (
            <td key={l} className="num">
              {fmt(agreement.perLabel[l].kappa)}
            </td>
          ))}
          <td className="num">{agreement.exact}</td>
          <td className="num">{agreement.partial}</td>
          <td className="num">{agreement.tagDiffers}</td>
          <td className="num">{agreement.onlyA}</td>
          <td className="num">{agreement.onlyB}</td>
        </tr>
      </tbody>
    </table>
  );
}
