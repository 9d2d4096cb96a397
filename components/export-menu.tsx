import { EXPORT_FORMATS } from '@/lib/export/schema';

const NAMES: Record<(typeof EXPORT_FORMATS)[number], string> = {
  w3c: 'W3C Web Annotation (JSON-LD)',
  jsonl: 'JSON Lines (doccano)',
  csv: 'CSV, one row per span',
  brat: 'brat standoff (zip)',
  conll: 'CoNLL BIO tokens',
  claimreview: 'ClaimReview (schema.org; claims with a verdict)',
};

/** A plain GET form: the browser downloads the streamed export itself and shows its progress. */
export function ExportMenu({ projectId }: { projectId: string }) {
  return (
    <form method="get" action={`/api/v1/projects/${projectId}/export`} className="export-menu" aria-label="Export">
      <select name="format" aria-label="Export format" defaultValue="w3c">
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {NAMES[f]}
          </option>
        ))}
      </select>
      <select name="status" aria-label="Which spans" defaultValue="approved">
        <option value="approved">approved only</option>
        <option value="all">all</option>
      </select>
      <button className="btn" type="submit">
        Export
      </button>
    </form>
  );
}
