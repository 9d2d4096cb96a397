import { z } from 'zod';
import { LABELS } from '@/lib/annotations/dto';
import { UNKNOWN_OUTLET } from '@/lib/claims/dto';

export const EXPORT_FORMATS = ['w3c', 'jsonl', 'csv', 'brat', 'conll', 'claimreview', 'labelstudio'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What each format is, for the OpenAPI description and the CLI's help. */
export const EXPORT_FORMAT_DESCRIPTION =
  'w3c: a W3C Web Annotation AnnotationCollection (JSON-LD); jsonl: one article per line in doccano relation-export field names; ' +
  'csv: one row per span; brat: a ZIP of brat standoff files (.txt + .ann per article, annotation.conf, tools.conf); ' +
  'conll: CoNLL-2003-style `token TAG` lines in BIO (IOB2), one blank line between sentences, overlapping spans reduced to the earliest-starting one per token; ' +
  'claimreview: a JSON array of schema.org ClaimReview objects, one per claim with a verdict; ' +
  'labelstudio: a Label Studio JSON task list, one task per article, for a project with the labeling config in README.md. Offsets are code points.';

/**
 * A list parameter: one value split on commas (`outlet=Wire,Blog`), or the key
 * repeated, each value then taken whole (`outlet=Reuters, Inc.&outlet=Wire`:
 * what the export form's checkboxes send). Empty values are dropped, and a list
 * left empty is no filter.
 */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    const values = typeof v === 'string' ? v.split(',') : v;
    if (!Array.isArray(values)) return values;
    const kept = values.map((s) => (typeof s === 'string' ? s.trim() : s)).filter((s) => s !== '');
    return kept.length > 0 ? kept : undefined;
  }, z.array(item).max(500).optional());

const LIST_HELP = ', or the key repeated (each value then taken whole, commas included)';

/** Query of GET /api/v1/projects/{projectId}/export; also what the CLI takes. */
export const exportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS),
  status: z.enum(['approved', 'all']).default('approved').describe('approved (default) or all spans and links'),
  outlet: list(z.string().max(200)).describe(`comma-separated outlets${LIST_HELP}; "${UNKNOWN_OUTLET}": articles without one`),
  // Tags in any case, as the import takes them.
  label: list(z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(LABELS))).describe(`comma-separated tags, in any case${LIST_HELP}`),
  articleId: list(z.string().max(100)).describe(`comma-separated article ids${LIST_HELP}`),
  // What a form's checkbox sends, or true/false; absent is false.
  bom: z
    .preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false']).optional())
    .transform((v) => v === 'true')
    .describe('csv only: start the file with a UTF-8 byte-order mark, which Excel needs to read it as UTF-8 (scripts may then see it in the first column name)'),
});
export type ExportQuery = z.infer<typeof exportQuery>;
