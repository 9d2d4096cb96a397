import 'server-only';
import { connectClient } from '@/lib/db/client';
import { CursorRows, serialQueries, type Row, type SerialQueries } from './cursor-rows';
import { ARTICLE as A, CLAIM_TEXTS, LINK as L, SPAN as S, USER_NAMES, articlesSql, linksSql, spansSql, LABEL_NAME as LABEL, STATUS_NAME as STATUS, toArticle, toExportLink, type ExportFilter } from './export-sql';
import type { ExportArticle, ExportLink, ExportSpan } from './types';

// Batch sizes: large enough that a FETCH's round trip is noise, small enough
// that a batch is a few MB (an article row carries its whole text).
const ARTICLES_PER_FETCH = 50;
const SPANS_PER_FETCH = 2_000;
const LINKS_PER_FETCH = 2_000;

/** An export that stops being read (a stalled download) gives its connection back after this long. */
const IDLE_TIMEOUT = '10min';


// Column positions, copied into this module once: they are read for every
// row, and an imported binding may be a getter on the other module.
const ARTICLE = { ...A };
const SPAN = { ...S };
const LINK = { ...L };

type Author = ExportSpan['author'];

/**
 * Authors' names and claims' texts, which the rows only name by id: looked
 * up for each batch's new ids, then kept (an export names few of them, and
 * one author object is shared by all of that author's spans).
 */
function namesOf(query: SerialQueries) {
  const authors = new Map<string, Author>();
  const claims = new Map<string, string>();
  async function lookUp(rows: Row[], authorCol: number, claimCol?: number) {
    const newAuthors = new Set<string>();
    const newClaims = new Set<string>();
    let previousAuthor: string | undefined;
    for (const r of rows) {
      const author = r[authorCol] as string;
      // Runs of one author's spans are the rule: check each run once.
      if (author !== previousAuthor) {
        previousAuthor = author;
        if (!authors.has(author)) newAuthors.add(author);
      }
      const claim = claimCol === undefined ? null : (r[claimCol] as string | null);
      if (claim !== null && !claims.has(claim)) newClaims.add(claim);
    }
    if (newAuthors.size) for (const [id, name] of await query(USER_NAMES, [[...newAuthors]])) authors.set(id as string, { id: id as string, name: name as string });
    if (newClaims.size) for (const [id, text] of await query(CLAIM_TEXTS, [[...newClaims]])) claims.set(id as string, text as string);
  }
  return { authors, claims, lookUp };
}

/**
 * The export's articles, one at a time, each with its spans (start, end, id)
 * and the links that start at them. One connection, one REPEATABLE READ
 * snapshot, three cursors walked side by side in article-id order: memory
 * holds a batch of each and the article being written, never the corpus,
 * and articles, spans and links all come from the same moment. The
 * connection is given back when the generator finishes or is closed early
 * (a download cancelled).
 */
export async function* readExportArticles(filter: ExportFilter): AsyncGenerator<ExportArticle> {
  const client = await connectClient();
  // A connection that breaks while idle between FETCHes emits 'error' on the
  // client; unheard, that would crash the process. The next query fails anyway.
  let broken: Error | undefined;
  const onError = (e: Error) => (broken = e);
  client.on('error', onError);
  const query = serialQueries(client);
  const cursors: CursorRows[] = [];
  try {
    await query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await query(`SET LOCAL idle_in_transaction_session_timeout = '${IDLE_TIMEOUT}'`);
    const names = namesOf(query);
    const articles = await CursorRows.open(query, 'export_articles', articlesSql(filter), ARTICLES_PER_FETCH);
    cursors.push(articles);
    const spans = await CursorRows.open(query, 'export_spans', spansSql(filter), SPANS_PER_FETCH, (rows) => names.lookUp(rows, SPAN.authorId, SPAN.claimId));
    cursors.push(spans);
    const links = await CursorRows.open(query, 'export_links', linksSql(filter), LINKS_PER_FETCH, (rows) => names.lookUp(rows, LINK.authorId));
    cursors.push(links);

    for (;;) {
      let a = articles.row();
      if (!a) {
        if (!(await articles.more())) break;
        a = articles.row()!;
      }
      articles.next();
      const id = a[ARTICLE.id] as string;
      // Spans and links come in the same article order, and every one of them
      // belongs to an article of this snapshot: the rows for this article are
      // the ones at the head of each cursor.
      const articleSpans: ExportSpan[] = [];
      for (;;) {
        const s = spans.row();
        if (!s) {
          if (await spans.more()) continue;
          break;
        }
        if (s[SPAN.articleId] !== id) break;
        spans.next();
        const createdAt = new Date(s[SPAN.createdAt] as number);
        const claimId = s[SPAN.claimId] as string | null;
        articleSpans.push({
          id: s[SPAN.id] as string,
          label: LABEL[s[SPAN.label] as string],
          start: s[SPAN.start] as number,
          end: s[SPAN.end] as number,
          exact: s[SPAN.exact] as string,
          prefix: s[SPAN.prefix] as string,
          suffix: s[SPAN.suffix] as string,
          note: s[SPAN.note] as string | null,
          speaker: s[SPAN.speaker] as string | null,
          status: STATUS[s[SPAN.status] as string],
          author: names.authors.get(s[SPAN.authorId] as string)!,
          claimId,
          claimText: claimId === null ? null : (names.claims.get(claimId) ?? null),
          reviewer: s[SPAN.reviewerName] as string | null,
          createdAt,
          updatedAt: s[SPAN.updatedAt] === null ? createdAt : new Date(s[SPAN.updatedAt] as number),
        });
      }
      const articleLinks: ExportLink[] = [];
      for (;;) {
        const l = links.row();
        if (!l) {
          if (await links.more()) continue;
          break;
        }
        if (l[LINK.fromArticleId] !== id) break;
        links.next();
        articleLinks.push(toExportLink(l, names.authors.get(l[LINK.authorId] as string)!));
      }
      yield { ...toArticle(a), spans: articleSpans, links: articleLinks };
    }
  } finally {
    for (const c of cursors) await c.settle();
    // Read-only: ending it closes the cursors; nothing to keep. A connection
    // that failed is destroyed rather than given back to the pool.
    const failed = broken ?? (await query('ROLLBACK').then(() => undefined, (e: Error) => e));
    client.off('error', onError);
    client.release(failed);
  }
}
