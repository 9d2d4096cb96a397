import { inChunks } from './chunk-size';
import type { ExportArticle, ExportLink, ExportSpan } from './types';

/**
 * The labeling config the export's results are written for: import the file
 * into a Label Studio project set up with it (Settings › Labeling Interface ›
 * Code). Speaker, note and review status are per-region controls, so they
 * show and stay editable beside each span.
 */
export const LABEL_STUDIO_CONFIG = `<View>
  <Relations><Relation value="corroborates"/><Relation value="contradicts"/></Relations>
  <Labels name="tag" toName="doc"><Label value="assertion"/><Label value="denial"/><Label value="evidence"/></Labels>
  <Text name="doc" value="$text"/>
  <TextArea name="speaker" toName="doc" perRegion="true" maxSubmissions="1"/>
  <TextArea name="note" toName="doc" perRegion="true" maxSubmissions="1"/>
  <Choices name="status" toName="doc" perRegion="true"><Choice value="pending"/><Choice value="approved"/><Choice value="rejected"/></Choices>
</View>
`;

type Result = Record<string, unknown>;

/**
 * One span as Label Studio results: its `labels` region, and the per-region
 * controls it has values for, under the same region id (which is how Label
 * Studio ties them to the region). Offsets are code points, as Label Studio's
 * Text tag counts them since 2022 (../formats.md, "Offset units").
 */
function spanResults(s: ExportSpan): Result[] {
  const at = { start: s.start, end: s.end };
  const region = (fromName: string, type: string, value: Result): Result => ({ id: s.id, from_name: fromName, to_name: 'doc', type, value: { ...at, ...value } });
  return [
    { ...region('tag', 'labels', { text: s.exact, labels: [s.label] }), origin: 'manual' },
    ...(s.speaker ? [region('speaker', 'textarea', { text: [s.speaker] })] : []),
    ...(s.note ? [region('note', 'textarea', { text: [s.note] })] : []),
    region('status', 'choices', { choices: [s.status] }),
  ];
}

const relation = (l: ExportLink): Result => ({ type: 'relation', from_id: l.fromId, to_id: l.toId, direction: 'right', labels: [l.kind] });

/**
 * Label Studio's JSON task list (the format its "Export › JSON" writes and
 * its import reads): one task per article, the article's fields under `data`
 * (`text` is what the spans point into), its spans and the links inside it as
 * one annotation's `result`. Label Studio's relations stay inside a task, so
 * links to another article's span go to the task's `meta.cross_relations`,
 * naming the other article, as the JSONL export does. An article without
 * spans is a task without annotations (an empty one would count as done).
 * Task ids count from 1 in the file; `data.article_id` is Crosscheck's.
 */
export function toLabelStudio(articles: AsyncIterable<ExportArticle>): AsyncGenerator<string> {
  let n = 0;
  const task = (a: ExportArticle): string => {
    n++;
    const here = new Set(a.spans.map((s) => s.id));
    const inside = a.links.filter((l) => here.has(l.toId));
    const across = a.links.filter((l) => !here.has(l.toId));
    const json = JSON.stringify({
      id: n,
      data: { text: a.text, title: a.title, outlet: a.outlet, url: a.url, author: a.author, published: a.published, article_id: a.id, external_id: a.externalId },
      annotations: a.spans.length ? [{ result: [...a.spans.flatMap(spanResults), ...inside.map(relation)], was_cancelled: false, ground_truth: false }] : [],
      ...(across.length && {
        meta: { cross_relations: across.map((l) => ({ from_id: l.fromId, to_id: l.toId, to_article_id: l.to.articleId, type: l.kind, status: l.status })) },
      }),
    });
    return `${n === 1 ? '[\n' : ',\n'}${json}`;
  };
  return (async function* () {
    yield* inChunks(articles, task);
    yield n === 0 ? '[]\n' : '\n]\n';
  })();
}
