import { z } from 'zod';
import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';
import { LABELS } from '@/lib/annotations/dto';
import { normalizeText } from '@/lib/anchoring/normalize-text';
import { canonicalOffsets } from '@/lib/anchoring/canonical-offsets';
import { codePointLength } from '@/lib/anchoring/code-points';
import { isUnstorableText } from '@/lib/api/unstorable-text';
import { misnamedFields } from './misnamed-fields';

export const MAX_IMPORT_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_TEXT_LENGTH = 2_000_000;

/** Refused here, with the record's line and field, rather than by PostgreSQL in the middle of the file's transaction. */
const storable = (s: z.ZodString) => s.refine((v) => !isUnstorableText(v), 'contains U+0000 or a lone surrogate, which cannot be stored');

/** An optional text field; empty (or only spaces) is absent: an `"outlet": ""` is no outlet, not one named "". */
const optional = (max: number) =>
  storable(z.string({ error: 'must be text' }).trim().max(max, `is longer than ${max} characters`))
    .nullish()
    .transform((v) => v || null);

/** A calendar date: "2022-02-30" matches the pattern but is not one. */
const isRealDate = (ymd: string) => {
  const t = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === ymd;
};

const spanLabel = z
  .string()
  .transform((l) => l.toLowerCase())
  .pipe(z.enum(LABELS, { error: `must be one of ${LABELS.join(', ')} (any case)` }));

/** An entity's or a relation end's id in the file (doccano's are numbers, ours strings): what relations name spans by. */
const sourceId = z.union([z.string().max(200), z.number()]).transform(String);

const spanObject = z.object({
  id: sourceId.nullish(),
  start_offset: z.number().int().min(0),
  end_offset: z.number().int().min(1),
  label: spanLabel,
  speaker: storable(z.string({ error: 'must be text' }).max(200, 'is longer than 200 characters')).nullish(),
  note: storable(z.string({ error: 'must be text' }).max(5000, 'is longer than 5000 characters')).nullish(),
});

const relationList = z
  .array(z.object({ from_id: sourceId, to_id: sourceId, type: z.string({ error: 'must be text' }).max(100, 'is longer than 100 characters') }))
  .max(100_000);

/**
 * Spans as doccano writes them: objects (its relation export, and ours) or
 * [start, end, label] triples (its sequence-labelling export). Document
 * labels (plain strings, its classification export) are refused by name
 * rather than dropped: the analyst would otherwise lose them unawares.
 */
const spanList = z
  .array(
    z.preprocess(
      (v) => (Array.isArray(v) && v.length === 3 ? { start_offset: v[0], end_offset: v[1], label: v[2] } : v),
      z.unknown().superRefine((v, ctx) => {
        if (typeof v === 'string') ctx.addIssue({ code: 'custom', message: 'is a document label; Crosscheck imports spans, as [start, end, label] or {start_offset, end_offset, label}' });
        else if (Array.isArray(v)) ctx.addIssue({ code: 'custom', message: 'must be [start, end, label] or {start_offset, end_offset, label}' });
      }).pipe(spanObject),
    ),
  )
  .max(100_000);

/**
 * One article as importers read it, from any format. Unknown keys are
 * ignored: lines exported by other tools (or by us) carry extra metadata.
 * `external_id` is accepted as a spelling of externalId (our JSONL export).
 */
export const articleRecord = z
  .object({
    title: optional(1000),
    outlet: optional(200),
    url: optional(2000),
    author: optional(500),
    published: z
      .string({ error: 'must be a date as text, YYYY-MM-DD' })
      .regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date, YYYY-MM-DD')
      .refine((v) => isRealDate(v.slice(0, 10)), 'is not a calendar date')
      .nullish()
      .transform((v) => v?.slice(0, 10) ?? null),
    text: storable(z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? 'is missing' : 'must be text') }).min(1, 'is missing or empty').max(MAX_TEXT_LENGTH, `is longer than ${MAX_TEXT_LENGTH} characters`)),
    // A number is an id too (FNC-1's Body ID, a database key): kept as its digits.
    externalId: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), optional(500)),
    external_id: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), optional(500)),
    // doccano's relation export (and ours): spans as entities with code-point offsets.
    entities: spanList.optional(),
    // doccano's sequence-labelling export: the same spans as [start, end, label] under "label".
    label: spanList.optional(),
    // doccano's relation export (and ours): links between entities of the line, and ours to
    // entities of other lines. Only entities that come in with this file can be linked.
    relations: relationList.optional(),
    cross_relations: relationList.optional(),
  })
  .refine((r) => r.text.trim().length > 0, { message: 'is only whitespace', path: ['text'] })
  .superRefine((r, ctx) => {
    const length = codePointLength(r.text);
    for (const key of ['entities', 'label'] as const) {
      r[key]?.forEach((e, i) => {
        if (e.end_offset <= e.start_offset || e.end_offset > length) {
          ctx.addIssue({ code: 'custom', path: [key, i, 'end_offset'], message: `is ${e.end_offset}: it must be after start_offset (${e.start_offset}) and at most ${length}, the text's length in code points` });
        }
      });
    }
    if (r.entities?.length && r.label?.length) ctx.addIssue({ code: 'custom', path: ['label'], message: 'gives spans as well as "entities"; give them once' });
  });

/** The keys a record is read by; any other is ignored (and named if it looks meant for one of these). */
const READ_FIELDS = Object.keys(articleRecord.shape);

/** Where a record came from, for error messages: file and line (or record) number. */
export type RecordOrigin = { file: string; line?: number; record?: number };

export function describeOrigin(o: RecordOrigin) {
  if (o.record !== undefined) return o.line !== undefined ? `${o.file}, record ${o.record} (line ${o.line})` : `${o.file}, record ${o.record}`;
  return o.line !== undefined ? `${o.file}, line ${o.line}` : o.file;
}

/**
 * ` (it is "May 5")`: the bad value, for an error message, if it is a short
 * enough string to help (cut at 40 code points); nothing for other values,
 * blank ones, or text that could not be stored or shown.
 */
export function quoteValue(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || isUnstorableText(value)) return '';
  const chars = Array.from(value);
  return ` (it is ${JSON.stringify(chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : value)})`;
}

/** The value at a path in parsed JSON, or undefined. */
export function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = json;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/**
 * Validates one raw record; the error names the file, the line, and each bad
 * field with its value. `fieldName`: what to call a field in errors, for a
 * record made from another shape (a Label Studio task names its own paths).
 */
export function toNewArticle(raw: unknown, origin: RecordOrigin, fieldName: (path: readonly PropertyKey[]) => string = (p) => p.join('.')): NewArticle {
  const parsed = articleRecord.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = Object.create(null);
    const problems: string[] = [];
    for (const issue of parsed.error.issues) {
      const field = fieldName(issue.path) || '(record)';
      if (field in fields) continue;
      fields[field] = issue.message;
      // The body itself is not quoted back: its problems are about all of it.
      const shown = field === 'text' ? '' : quoteValue(valueAt(raw, issue.path));
      // "text is missing" when the record has "body": say so.
      const misnamed = misnamedFields(raw, READ_FIELDS).find(([, meant]) => meant === issue.path.join('.'));
      problems.push(`field "${field}" ${issue.message}${shown}${misnamed ? ` (the record has "${misnamed[0]}": is that it?)` : ''}`);
    }
    throw new AppError('BAD_REQUEST', `${describeOrigin(origin)}: ${problems.join('; ')}`, fields);
  }
  const r = parsed.data;
  const misnamed = misnamedFields(raw, READ_FIELDS);
  const text = r.text;
  const externalId = r.externalId ?? r.external_id;
  const title = r.title || openingWords(text);
  const entities = r.entities?.length ? r.entities : r.label;
  // Offsets count the text as the file gives it (CRLF, decomposed accents): mapped onto the canonical text, if there are any.
  const place = entities?.length ? spanPlacer(r.text, origin, fieldName) : null;
  const spans = entities?.map((e, i) => ({
    ...place!(e.start_offset, e.end_offset, i), label: e.label, speaker: e.speaker ?? null, note: e.note ?? null, ...(e.id != null && { sourceId: e.id }),
  }));
  const links = [
    ...(r.relations ?? []).map((l) => ({ from: l.from_id, to: l.to_id, type: l.type, cross: false })),
    ...(r.cross_relations ?? []).map((l) => ({ from: l.from_id, to: l.to_id, type: l.type, cross: true })),
  ];
  return { title, outlet: r.outlet ?? null, url: r.url ?? null, author: r.author ?? null, published: r.published, text, externalId, ...(spans?.length && { spans }), ...(links.length && { links }), origin: describeOrigin(origin), ...(misnamed.length && { misnamed }), ...(!r.title && { titleMadeUp: true }) };
}

/**
 * Where a file's span offsets fall in the canonical text: as given when the
 * text is canonical already, else through canonicalOffsets. A text whose
 * canonical form cannot be mapped piece by piece (a byte-order mark inside
 * it) is refused when spans point into it, as is a span that would cover
 * nothing once canonical (only a leading byte-order mark).
 */
function spanPlacer(text: string, origin: RecordOrigin, fieldName: (path: readonly PropertyKey[]) => string) {
  if (normalizeText(text) === text) return (start: number, end: number, _i: number) => ({ start, end });
  const offsets = canonicalOffsets(text);
  if (!offsets) {
    throw new AppError('BAD_REQUEST', `${describeOrigin(origin)}: field "${fieldName(['text'])}" has a byte-order mark inside it, so the spans' offsets cannot be placed`, { [fieldName(['text'])]: 'BOM inside the text' });
  }
  return (start: number, end: number, i: number) => {
    const placed = { start: offsets.map(start, 'start'), end: offsets.map(end, 'end') };
    if (placed.end <= placed.start) {
      const field = fieldName(['entities', i]);
      throw new AppError('BAD_REQUEST', `${describeOrigin(origin)}: field "${field}" covers nothing but a byte-order mark`, { [field]: 'empty span' });
    }
    return placed;
  };
}

/**
 * A title for bodies without one (FNC-1): their first line, cut at a word
 * boundary to at most 120 characters with "…" when shortened, never half a
 * surrogate pair.
 */
function openingWords(text: string): string {
  const trimmed = text.trim();
  const lineEnd = trimmed.indexOf('\n');
  const line = (lineEnd === -1 ? trimmed : trimmed.slice(0, lineEnd)).trimEnd();
  if (line.length <= 120) return line;
  let cut = line.slice(0, 119);
  const space = cut.search(/\s\S*$/);
  // A last word that would take more than half the title is cut where it stands.
  if (space > 60) cut = cut.slice(0, space);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd().replace(/[,;:–—-]+$/, '')}…`;
}
