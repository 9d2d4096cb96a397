import { inChunks } from './chunk-size';
import type { ExportArticle, ExportLink } from './types';

const q = JSON.stringify;
const orNull = (v: string | null) => (v === null ? 'null' : q(v));

/**
 * JSON Lines, one article per line, in the field names of doccano's relation
 * export (`text`, `entities` with `start_offset`/`end_offset`, `relations`
 * with `from_id`/`to_id`/`type`). Offsets are code points. doccano's
 * relations cannot cross documents, so links to other articles go to
 * `cross_relations`, naming the other article.
 *
 * The line is written as a string, field by field (the unit test holds it to
 * JSON.stringify of the same fields as objects): at a million spans, building
 * an object per entity and stringifying it was most of the export's time.
 */
export function articleToJsonl(article: ExportArticle): string {
  let line = articleHeadJsonl(article);
  let separator = '';
  for (const s of article.spans) {
    line +=
      `${separator}{"id":${q(s.id)},"label":${q(s.label)},"start_offset":${q(s.start)},"end_offset":${q(s.end)},"text":${q(s.exact)},` +
      `"speaker":${orNull(s.speaker)},"note":${orNull(s.note)},"status":${q(s.status)},"claim_id":${orNull(s.claimId)}}`;
    separator = ',';
  }
  const here = article.links.length ? new Set(article.spans.map((s) => s.id)) : new Set<string>();
  return line + articleTailJsonl(article.links, (l) => here.has(l.toId));
}

/** The line up to its entities: the article's fields and `"entities":[`. */
export function articleHeadJsonl(article: Omit<ExportArticle, 'spans' | 'links'>): string {
  return (
    `{"id":${q(article.id)},"external_id":${orNull(article.externalId)},"title":${q(article.title)},"outlet":${orNull(article.outlet)},` +
    `"url":${orNull(article.url)},"author":${orNull(article.author)},"published":${orNull(article.published)},` +
    `"text_hash":${q(article.textHash)},"text":${q(article.text)},"entities":[`
  );
}

/** The rest of the line after its entities: relations (links to a span `inArticle`), cross_relations, the line's end. */
export function articleTailJsonl(links: ExportLink[], inArticle: (l: ExportLink) => boolean): string {
  let relations = '';
  let crossRelations = '';
  for (const l of links) {
    const head = `{"id":${q(l.id)},"from_id":${q(l.fromId)},"to_id":${q(l.toId)},`;
    const tail = `"type":${q(l.kind)},"status":${q(l.status)}}`;
    if (inArticle(l)) relations += `${relations ? ',' : ''}${head}${tail}`;
    else crossRelations += `${crossRelations ? ',' : ''}${head}"to_article_id":${q(l.to.articleId)},${tail}`;
  }
  return `],"relations":[${relations}],"cross_relations":[${crossRelations}]}\n`;
}

/** The lines, handed on in chunks of at least CHUNK_CHARS (whole lines). */
export function toJsonl(articles: AsyncIterable<ExportArticle>): AsyncGenerator<string> {
  return inChunks(articles, articleToJsonl);
}
