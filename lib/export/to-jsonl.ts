import type { ExportArticle } from './types';

/**
 * JSON Lines, one article per line, in the field names of doccano's relation
 * export (`text`, `entities` with `start_offset`/`end_offset`, `relations`
 * with `from_id`/`to_id`/`type`). Offsets are code points. doccano's
 * relations cannot cross documents, so links to other articles go to
 * `cross_relations`, naming the other article.
 */
export function articleToJsonl(article: ExportArticle): string {
  const here = new Set(article.spans.map((s) => s.id));
  const line = {
    id: article.id,
    external_id: article.externalId,
    title: article.title,
    outlet: article.outlet,
    url: article.url,
    author: article.author,
    published: article.published,
    text_hash: article.textHash,
    text: article.text,
    entities: article.spans.map((s) => ({
      id: s.id,
      label: s.label,
      start_offset: s.start,
      end_offset: s.end,
      text: s.exact,
      speaker: s.speaker,
      note: s.note,
      status: s.status,
      claim_id: s.claimId,
    })),
    relations: article.links.filter((l) => here.has(l.toId)).map((l) => ({ id: l.id, from_id: l.fromId, to_id: l.toId, type: l.kind, status: l.status })),
    cross_relations: article.links
      .filter((l) => !here.has(l.toId))
      .map((l) => ({ id: l.id, from_id: l.fromId, to_id: l.toId, to_article_id: l.to.articleId, type: l.kind, status: l.status })),
  };
  return JSON.stringify(line) + '\n';
}

export async function* toJsonl(articles: AsyncIterable<ExportArticle>): AsyncGenerator<string> {
  for await (const article of articles) yield articleToJsonl(article);
}
