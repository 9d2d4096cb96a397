import { z } from 'zod';
import { OffsetIndex } from '@/lib/anchoring/code-points';

/**
 * Label Studio's JSON export (and our `labelstudio` export,
 * lib/export/to-label-studio.ts): a task per article, the article under
 * `data`, spans as `labels` regions of each annotation's `result`. This turns
 * a task into the record the other importers read (lib/import/record.ts,
 * doccano field names), and says where in the task each of the record's
 * fields came from, so that an error names the task's own path
 * ("annotations.0.result.3.value.labels.0"), not the record's.
 *
 * - Regions: `labels` results with a place (`value.start`/`end`, code
 *   points). A region with two tags is two spans. Per-region `textarea`
 *   results named `speaker` and `note` (our labeling config) give theirs.
 *   Other results (choices, ratings, a whole-task textarea) are not spans.
 * - Offsets: Label Studio counts code points since 2022; older versions
 *   counted UTF-16 units, which differ after any emoji. Where a region gives
 *   its `text` and that is the text at its offsets in UTF-16 units but not
 *   in code points, its offsets are converted.
 * - Each annotation is one annotator's work: all of them come in (an
 *   annotation cancelled as skipped does not); relations link regions of
 *   their own annotation. Predictions (a model's) do not come in.
 * - `meta.cross_relations` (ours: links to spans of other tasks) come in
 *   like JSONL's `cross_relations`.
 */
export function isLabelStudioTask(v: unknown): v is { data: Record<string, unknown> } & Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'data' in v && v.data !== null && typeof v.data === 'object';
}

const regionValue = z.looseObject({
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  text: z.string().optional(),
  labels: z.array(z.string()).min(1, 'is empty: a region needs a tag'),
});
const textValue = z.looseObject({ text: z.array(z.string()).optional() });

type Result = { id?: unknown; type?: unknown; from_name?: unknown; value?: unknown; from_id?: unknown; to_id?: unknown; labels?: unknown; direction?: unknown };

/** The record for one task, and for each record path that can be wrong (its key: the path joined by dots) the task's path. */
export function labelStudioRecord(task: { data: Record<string, unknown> } & Record<string, unknown>): { record: Record<string, unknown>; paths: Map<string, string> } {
  const data = task.data;
  const text = data.text;
  const place = placer(typeof text === 'string' ? text : '');
  const paths = new Map<string, string>();
  const record: Record<string, unknown> = {};
  for (const key of ['text', 'title', 'outlet', 'url', 'author', 'published']) {
    if (data[key] !== undefined) record[key] = data[key];
    paths.set(key, `data.${key}`);
  }
  const ext = data.external_id ?? data.externalId;
  if (ext !== undefined) {
    record.external_id = ext;
    paths.set('external_id', data.external_id !== undefined ? 'data.external_id' : 'data.externalId');
  }

  const entities: Record<string, unknown>[] = [];
  const relations: Record<string, unknown>[] = [];
  const annotations = Array.isArray(task.annotations) ? task.annotations : [];
  annotations.forEach((annotation: unknown, ai) => {
    if (!annotation || typeof annotation !== 'object' || (annotation as { was_cancelled?: unknown }).was_cancelled === true) return;
    const results = (annotation as { result?: unknown }).result;
    if (!Array.isArray(results)) return;
    // Region ids are unique within one annotation: another annotation's are told apart by its index.
    const idOf = (id: unknown) => (ai === 0 ? String(id) : `${ai}:${String(id)}`);
    // Per-region text areas by region and name, read once for the annotation.
    const texts = new Map<string, string>();
    for (const x of results as Result[]) {
      const parsed = x?.type === 'textarea' ? textValue.safeParse(x.value) : undefined;
      if (parsed?.success && parsed.data.text?.length) texts.set(`${String(x.id)}\u0000${String(x.from_name)}`, parsed.data.text.join('\n'));
    }
    const perRegion = (id: unknown, name: string) => texts.get(`${String(id)}\u0000${name}`) || null;
    (results as Result[]).forEach((r, ri) => {
      const at = `annotations.${ai}.result.${ri}`;
      if (!r || typeof r !== 'object') return;
      if (r.type === 'relation') {
        const backwards = r.direction === 'left';
        const type = Array.isArray(r.labels) && typeof r.labels[0] === 'string' ? r.labels[0] : '(no label)';
        paths.set(`relations.${relations.length}`, at);
        relations.push({ from_id: idOf(backwards ? r.to_id : r.from_id), to_id: idOf(backwards ? r.from_id : r.to_id), type });
        return;
      }
      if (r.type !== 'labels') return;
      const parsed = regionValue.safeParse(r.value);
      // Where the record's fields of a span made from this region are, in the task.
      const mapSpan = (label: number) => {
        for (const [field, key] of [['start_offset', 'start'], ['end_offset', 'end'], ['label', `labels.${label}`], ['', '']]) {
          paths.set(`entities.${entities.length}${field && `.${field}`}`, `${at}.value${key && `.${key}`}`);
        }
      };
      if (!parsed.success) {
        mapSpan(0);
        // Handed on as it is: the record's checks name its problems, at the region's value.
        entities.push({ id: idOf(r.id), start_offset: (r.value as { start?: unknown })?.start, end_offset: (r.value as { end?: unknown })?.end, label: (r.value as { labels?: unknown[] })?.labels?.[0] });
        return;
      }
      const { start, end } = place(parsed.data);
      parsed.data.labels.forEach((label, li) => {
        mapSpan(li);
        entities.push({
          id: li === 0 ? idOf(r.id) : `${idOf(r.id)}#${li}`,
          start_offset: start,
          end_offset: end,
          label,
          speaker: perRegion(r.id, 'speaker'),
          note: perRegion(r.id, 'note'),
        });
      });
    });
  });
  if (entities.length) record.entities = entities;
  if (relations.length) record.relations = relations;
  const cross = (task.meta as { cross_relations?: unknown } | undefined)?.cross_relations;
  if (cross !== undefined) {
    record.cross_relations = cross;
    paths.set('cross_relations', 'meta.cross_relations');
  }
  return { record, paths };
}

/**
 * A region's place in code points: as given, unless its `text` is not there
 * but is at the same offsets counted in UTF-16 units (Label Studio before
 * 2022), in which case those are converted. A region whose text is found
 * neither way keeps its offsets (its quote is then cut from the text there).
 */
function placer(text: string) {
  // Without astral characters the two counts agree.
  const astral = /[\ud800-\udfff]/.test(text);
  let index: OffsetIndex | undefined;
  return (v: { start: number; end: number; text?: string }): { start: number; end: number } => {
    if (v.text === undefined || !astral || v.start > v.end) return v;
    index ??= new OffsetIndex(text);
    const inCodePoints = v.end <= index.length && index.slice(v.start, v.end) === v.text;
    const inUnits = v.end <= text.length && text.slice(v.start, v.end) === v.text;
    return !inCodePoints && inUnits ? { start: index.toCodePoint(v.start), end: index.toCodePoint(v.end, 'end') } : v;
  };
}

/** The task's path for a record path (zod's issue path), for errors: the longest mapped prefix, then the rest. */
export function taskPath(paths: Map<string, string>, recordPath: readonly PropertyKey[]): string {
  const keys = recordPath.map(String);
  for (let n = keys.length; n > 0; n--) {
    const mapped = paths.get(keys.slice(0, n).join('.'));
    if (mapped !== undefined) return [mapped, ...keys.slice(n)].join('.');
  }
  return keys.join('.');
}
