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

/** xsd:dateTime in UTC with a trailing Z, as the model requires. */
const utc = (d: Date) => d.toISOString();

export const articleIri = (scope: ExportScope, a: Pick<ExportArticle, 'id'>) => `${scope.baseUrl}/articles/${a.id}`;
export const spanIri = (scope: ExportScope, id: string) => `${scope.baseUrl}/annotations/${id}`;
const userIri = (scope: ExportScope, id: string) => `${scope.baseUrl}/users/${id}`;

function segment(source: string, s: { start: number; end: number; exact: string; prefix: string; suffix: string }) {
  return {
    type: 'SpecificResource',
    source,
    selector: [
      { type: 'TextQuoteSelector', exact: s.exact, prefix: s.prefix, suffix: s.suffix },
      { type: 'TextPositionSelector', start: s.start, end: s.end },
    ],
  };
}

export function spanToAnnotation(scope: ExportScope, article: ExportArticle, span: ExportSpan) {
  const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: span.label, format: 'text/plain' }];
  if (span.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: span.note, format: 'text/plain' });
  if (span.speaker) body.push({ type: 'TextualBody', purpose: 'describing', value: `speaker: ${span.speaker}`, format: 'text/plain', 'cc:speaker': span.speaker });
  if (span.claimId) body.push({ type: 'SpecificResource', purpose: 'classifying', source: `${scope.baseUrl}/claims/${span.claimId}` });
  return {
    '@context': CONTEXT,
    id: spanIri(scope, span.id),
    type: 'Annotation',
    motivation: 'tagging',
    created: utc(span.createdAt),
    modified: utc(span.updatedAt),
    creator: { id: userIri(scope, span.author.id), type: 'Person', name: span.author.name },
    'cc:status': span.status,
    body,
    target: { ...segment(articleIri(scope, article), span), 'cc:textHash': article.textHash },
  };
}

export function linkToAnnotation(scope: ExportScope, article: ExportArticle, link: ExportLink, from: ExportSpan) {
  return {
    '@context': CONTEXT,
    id: `${scope.baseUrl}/links/${link.id}`,
    type: 'Annotation',
    motivation: 'linking',
    created: utc(link.createdAt),
    modified: utc(link.updatedAt),
    creator: { id: userIri(scope, link.author.id), type: 'Person', name: link.author.name },
    'cc:status': link.status,
    body: [
      { ...segment(articleIri(scope, article), from), purpose: 'linking', id: spanIri(scope, from.id) },
      { type: 'TextualBody', purpose: 'tagging', value: link.kind, format: 'text/plain' },
    ],
    target: { ...segment(articleIri(scope, { id: link.to.articleId }), link.to), id: spanIri(scope, link.toId) },
  };
}

/**
 * Streams an AnnotationCollection whose first (and only) AnnotationPage
 * embeds every annotation: one self-contained file, written item by item.
 */
export async function* toWebAnnotation(scope: ExportScope, articles: AsyncIterable<ExportArticle>, label: string): AsyncGenerator<string> {
  const total = scope.total.spans + scope.total.links;
  const collectionId = `${scope.baseUrl}/api/v1/projects/${scope.projectId}/export?format=w3c`;
  const head = { '@context': ANNO_CONTEXT, id: collectionId, type: 'AnnotationCollection', label, total, generated: utc(new Date()) };
  const pageId = `${collectionId}&page=0`;
  // partOf describes the collection (id, label, total), as the W3C examples do.
  const page = { id: pageId, type: 'AnnotationPage', partOf: { id: collectionId, label, total, last: pageId }, startIndex: 0 };
  if (total === 0) {
    yield JSON.stringify(head) + '\n';
    return;
  }
  const headJson = JSON.stringify({ ...head, last: pageId });
  yield `${headJson.slice(0, -1)},"first":${JSON.stringify(page).slice(0, -1)},"items":[\n`;
  let first = true;
  for await (const article of articles) {
    const byId = new Map(article.spans.map((s) => [s.id, s]));
    for (const span of article.spans) {
      yield (first ? '' : ',\n') + JSON.stringify(spanToAnnotation(scope, article, span));
      first = false;
    }
    for (const link of article.links) {
      const from = byId.get(link.fromId);
      if (!from) continue;
      yield (first ? '' : ',\n') + JSON.stringify(linkToAnnotation(scope, article, link, from));
      first = false;
    }
  }
  yield '\n]}}\n';
}
