import { EXPORT_FORMATS } from '@/lib/export/schema';
import { LABELS } from '@/lib/annotations/dto';
import { ExportFilter } from './export-filter';

const NAMES: Record<(typeof EXPORT_FORMATS)[number], string> = {
  w3c: 'W3C Web Annotation (JSON-LD)',
  jsonl: 'JSON Lines (doccano)',
  csv: 'CSV, one row per span',
  brat: 'brat standoff (zip)',
  conll: 'CoNLL BIO tokens',
  claimreview: 'ClaimReview (schema.org; claims with a verdict)',
  labelstudio: 'Label Studio JSON (tasks)',
};

type Props = {
  projectId: string;
  /** The project's outlets ("Unknown outlet" for articles without one), offered as a filter when there are two or more. */
  outlets?: string[];
  /** Export this one article (the article page) instead of offering outlet filters. */
  articleId?: string;
};

/**
 * A plain GET form: the browser downloads the streamed export itself and
 * shows its progress. Ticked boxes send one key each (`label=denial&label=evidence`),
 * which the export takes as a list; none ticked is no filter.
 */
export function ExportMenu({ projectId, outlets = [], articleId }: Props) {
  return (
    <form method="get" action={`/api/v1/projects/${projectId}/export`} className="export-menu" aria-label={articleId ? 'Export this article' : 'Export'}>
      {articleId && (
        <>
          <span className="muted">Export this article:</span>
          <input type="hidden" name="articleId" value={articleId} />
        </>
      )}
      <select name="format" aria-label="Export format" defaultValue="w3c">
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {NAMES[f]}
          </option>
        ))}
      </select>
      <select name="status" aria-label="Which spans" defaultValue="approved">
        <option value="approved">approved only</option>
        <option value="all">all, pending and rejected too</option>
      </select>
      {/* Shown for CSV only (CSS :has on the format chosen): a UTF-8 mark, without which Excel garbles accents and emoji. */}
      <label className="export-menu__bom" title="Starts the file with a UTF-8 mark, so that Excel shows accents and emoji">
        <input type="checkbox" name="bom" value="true" /> for Excel
      </label>
      <ExportFilter>
        <fieldset>
          <legend>Tags</legend>
          {LABELS.map((l) => (
            <label key={l}>
              <input type="checkbox" name="label" value={l} /> {l}
            </label>
          ))}
        </fieldset>
        {!articleId && outlets.length > 1 && (
          <fieldset>
            <legend>Outlets</legend>
            {/* An empty value makes the key repeated even with one box ticked, so an outlet whose name holds a comma is taken whole. */}
            <input type="hidden" name="outlet" value="" />
            {outlets.map((o) => (
              <label key={o}>
                <input type="checkbox" name="outlet" value={o} /> {o}
              </label>
            ))}
          </fieldset>
        )}
        <p className="muted">None ticked: all of them.</p>
      </ExportFilter>
      <button className="btn" type="submit">
        Export
      </button>
    </form>
  );
}
