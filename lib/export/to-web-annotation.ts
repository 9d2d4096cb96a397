import { CHUNK_CHARS } from './chunk-size';
import type { ExportArticle, ExportLink, ExportScope, ExportSpan } from './types';

/**
 * W3C Web Annotation Data Model (JSON-LD). Each span is an Annotation whose
 * target carries a TextQuoteSelector and a TextPositionSelector (code points)
 * on the article's IRI; tag, note and speaker are bodies with purposes. Each
 * link is an Annotation with motivation "linking": its target is the span
 * being corroborated or contradicted, its body the span doing so plus the kind
 * as a tagging body (as in the Recommendation's examples).
 * Checked against the W3C test schemas' MUST assertions in the test suite.
 */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const W3C_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const CC = 'https://crosscheck.dev/ns#';
/** Our own terms (status, speaker, text hash) next to the standard ones. */
const CONTEXT = [ANNO_CONTEXT, { cc: CC }];
/** Every annotation's @context, as JSON. */
export const CONTEXT_JSON = JSON.stringify(CONTEXT);

/** xsd:dateTime in UTC with a trailing Z, as the model requires. */
const utc = (d: Date) => d.toISOString();

export const articleIri = (scope: ExportScope, a: Pick<ExportArticle, 'id'>) => `${scope.baseUrl}/articles/${a.id}`;
export const spanIri = (scope: ExportScope, id: string) => `${scope.baseUrl}/annotations/${id}`;
const userIri = (scope: ExportScope, id: string) => `${scope.baseUrl}/users/${id}`;

const q = JSON.stringify;
const PLAIN_ID = /^[\w-]*$/;
/** The tagging body of each tag, and each status as JSON: a fixed vocabulary, written once. */
const TAGGING = Object.fromEntries(
  (['assertion', 'denial', 'evidence', 'corroborates', 'contradicts'] as const).map((v) => [v, q({ type: 'TextualBody', purpose: 'tagging', value: v, format: 'text/plain' })]),
);

/**
 * One span's Annotation:
 *   { @context, id: <base>/annotations/<id>, type: Annotation, motivation: tagging, created, modified,
 *     creator: { id: <base>/users/<id>, type: Person, name }, cc:status,
 *     body: [ tagging TextualBody (the tag), commenting (note)?, describing (speaker, cc:speaker)?, classifying SpecificResource (claim)? ],
 *     target: { type: SpecificResource, source: <base>/articles/<id>, selector: [TextQuoteSelector, TextPositionSelector], cc:textHash } }
 * One link's: motivation linking, body [the `from` span as a SpecificResource with purpose linking and its id,
 * the kind as a tagging TextualBody], target the `to` span as a SpecificResource with its id.
 *
 * Written as strings, key by key, rather than as objects passed to
 * JSON.stringify (the unit test holds the two to the same bytes): at a million
 * annotations the objects were most of an export's time. What repeats is made
 * once: the @context, each article's source and hash, each author's creator.
 */
export function annotationJson(scope: ExportScope) {
  const context = CONTEXT_JSON;
  const creators = new Map<string, { name: string; json: string }>();
  const creator = (author: { id: string; name: string }) => {
    let c = creators.get(author.id);
    if (!c || c.name !== author.name) {
      c = { name: author.name, json: q({ id: userIri(scope, author.id), type: 'Person', name: author.name }) };
      creators.set(author.id, c);
    }
    return c.json;
  };
  const selectors = (s: { start: number; end: number; exact: string; prefix: string; suffix: string }) =>
    `"selector":[{"type":"TextQuoteSelector","exact":${q(s.exact)},"prefix":${q(s.prefix)},"suffix":${q(s.suffix)}},` +
    `{"type":"TextPositionSelector","start":${q(s.start)},"end":${q(s.end)}}]`;
  // Our ids (cuids, uuids) need no escaping: the IRI's JSON is then the prefix's plus the id.
  const spanIdPrefix = q(spanIri(scope, '')).slice(0, -1);
  const spanId = (id: string) => (PLAIN_ID.test(id) ? `${spanIdPrefix}${id}"` : q(spanIri(scope, id)));
  const stamps = (created: Date, updated: Date) => {
    const c = utc(created);
    return `"created":"${c}","modified":"${updated === created ? c : utc(updated)}"`;
  };

  /** The parts of every span of one article that are the article's. */
  function forArticle(article: ExportArticle) {
    const source = `{"type":"SpecificResource","source":${q(articleIri(scope, article))},`;
    const targetEnd = `,"cc:textHash":${q(article.textHash)}}}`;

    function span(s: ExportSpan): string {
      let body = TAGGING[s.label] ?? q({ type: 'TextualBody', purpose: 'tagging', value: s.label, format: 'text/plain' });
      if (s.note) body += `,{"type":"TextualBody","purpose":"commenting","value":${q(s.note)},"format":"text/plain"}`;
      if (s.speaker) body += `,{"type":"TextualBody","purpose":"describing","value":${q(`speaker: ${s.speaker}`)},"format":"text/plain","cc:speaker":${q(s.speaker)}}`;
      if (s.claimId) body += `,{"type":"SpecificResource","purpose":"classifying","source":${q(`${scope.baseUrl}/claims/${s.claimId}`)}}`;
      return (
        `{"@context":${context},"id":${spanId(s.id)},"type":"Annotation","motivation":"tagging",${stamps(s.createdAt, s.updatedAt)},` +
        `"creator":${creator(s.author)},"cc:status":${q(s.status)},"body":[${body}],"target":${source}${selectors(s)}${targetEnd}`
      );
    }

    function link(l: ExportLink, from: ExportSpan): string {
      return (
        `{"@context":${context},"id":${q(`${scope.baseUrl}/links/${l.id}`)},"type":"Annotation","motivation":"linking",${stamps(l.createdAt, l.updatedAt)},` +
        `"creator":${creator(l.author)},"cc:status":${q(l.status)},` +
        `"body":[${source}${selectors(from)},"purpose":"linking","id":${spanId(from.id)}},` +
        `${TAGGING[l.kind] ?? q({ type: 'TextualBody', purpose: 'tagging', value: l.kind, format: 'text/plain' })}],` +
        `"target":{"type":"SpecificResource","source":${q(articleIri(scope, { id: l.to.articleId }))},${selectors(l.to)},"id":${spanId(l.toId)}}}`
      );
    }
    return { span, link };
  }
  return { forArticle };
}

/**
 * Streams an AnnotationCollection whose first (and only) AnnotationPage
 * embeds every annotation: one self-contained file, written item by item
 * and handed on in chunks of about CHUNK_CHARS. Its totals come after the
 * items (JSON-LD keeps no key order): counted as they are written, they need
 * no pass of their own over the spans.
 */
export async function* toWebAnnotation(scope: ExportScope, articles: AsyncIterable<ExportArticle>, label: string): AsyncGenerator<string> {
  const frame = collectionFrame(scope, label);
  const json = annotationJson(scope);
  let out = frame.open;
  let written = 0;
  const add = (item: string) => {
    out += (written === 0 ? frame.first : ',\n') + item;
    written++;
  };
  for await (const article of articles) {
    const write = json.forArticle(article);
    const byId = new Map(article.links.length ? article.spans.map((s) => [s.id, s]) : []);
    for (const span of article.spans) {
      add(write.span(span));
      if (out.length >= CHUNK_CHARS) {
        yield out;
        out = '';
      }
    }
    for (const link of article.links) {
      const from = byId.get(link.fromId);
      if (from) add(write.link(link, from));
    }
  }
  yield out + frame.close(written);
}

/**
 * What surrounds the items of the AnnotationCollection and its one
 * AnnotationPage: `open` starts the collection; `first` comes before the
 * first item (a collection with none has no page); the items are separated
 * by ",\n"; `close(total)` ends them, with the page's partOf and the
 * collection's total, which only the end of the export knows.
 */
export function collectionFrame(scope: ExportScope, label: string) {
  const collectionId = `${scope.baseUrl}/api/v1/projects/${scope.projectId}/export?${scope.collectionQuery ?? 'format=w3c'}`;
  // The one page is inside the collection's document: a fragment of its IRI, which fetches it.
  const pageId = `${collectionId}#page-1`;
  const head = { '@context': ANNO_CONTEXT, id: collectionId, type: 'AnnotationCollection', label, generated: utc(new Date()) };
  const page = { id: pageId, type: 'AnnotationPage', startIndex: 0 };
  return {
    open: JSON.stringify(head).slice(0, -1),
    first: `,"last":${q(pageId)},"first":${JSON.stringify(page).slice(0, -1)},"items":[\n`,
    // partOf describes the collection (id, label, total), as the W3C examples do.
    close: (total: number) =>
      total === 0 ? ',"total":0}\n' : `\n],"partOf":${JSON.stringify({ id: collectionId, label, total, last: pageId })}},"total":${total}}\n`,
  };
}
