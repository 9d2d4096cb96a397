import 'server-only';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { connectClient } from '@/lib/db/client';
import { BinaryCopyRows } from './binary-copy-rows';
import { JsonBytes } from './json-bytes';
import {
  LINK_OF_ARTICLES as L, MEMBER_NAMES, SPAN_BYTES_COLUMNS, articlesSql, linksOfArticlesSql, spansOfArticlesSql, withLiterals,
  toArticle, toExportLink, type ArticleHead, type ExportFilter,
} from './export-sql';
import type { ExportArticle, ExportLink } from './types';

/** A link with the selectors of its `from` span (W3C writes them in its body). */
export type LinkWithFrom = ExportLink & { from: { id: string; start: number; end: number; exact: string; prefix: string; suffix: string } };

/**
 * A format written as bytes from the spans' COPY rows (w3c-bytes.ts,
 * jsonl-bytes.ts). Called in export order: `begin`, then for each article
 * `article`, `span` for each of its spans (the row in `rows`), `endArticle`
 * with its links, and `end`.
 */
export type BytesFormat = {
  /**
   * `memberNames`: the names of the project's members, when asked for author
   * names (an author who is not a member has the name in the span's row).
   */
  begin(out: JsonBytes, memberNames: Map<string, string>): void;
  article(out: JsonBytes, article: ArticleHead): void;
  span(out: JsonBytes, rows: BinaryCopyRows, article: ArticleHead): void;
  endArticle(out: JsonBytes, article: ArticleHead, links: LinkWithFrom[]): void;
  end(out: JsonBytes): void;
};

// Articles per batch: each batch is one FETCH of articles, one query for
// their links and one COPY of their spans. Each COPY reads its spans through
// the (articleId, start) index, and the heap pages it visits hold other
// articles' spans too: few large batches read far less than many small ones.
// The size adapts from the last batch, toward SPANS_PER_BATCH spans, within
// what memory holds of a batch (its articles' texts for JSONL, its links).
const FIRST_BATCH = 50;
const MAX_BATCH = 5_000;
const SPANS_PER_BATCH = 250_000;
const TEXT_PER_BATCH = 4_000_000;
const LINKS_PER_BATCH = 20_000;

/** The next batch's size in articles, scaled from this one's. */
function nextBatch(batch: number, spans: number, textChars: number, links: number): number {
  const scale = Math.min(SPANS_PER_BATCH / Math.max(spans, 1), TEXT_PER_BATCH / Math.max(textChars, 1), LINKS_PER_BATCH / Math.max(links, 1), 4);
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(batch * scale)));
}

/** An export that stops being read (a stalled download) gives its connection back after this long. */
const IDLE_TIMEOUT_MS = 10 * 60_000;


const query = (client: pg.ClientBase, text: string, values?: unknown[]) =>
  client.query<unknown[]>({ text, values, rowMode: 'array' }).then((r) => r.rows);


function toLink(l: unknown[]): LinkWithFrom {
  return {
    ...toExportLink(l, { id: l[L.authorId] as string, name: l[L.authorName] as string }),
    from: {
      id: l[L.fromId] as string, start: l[L.fromStart] as number, end: l[L.fromEnd] as number,
      exact: l[L.fromExact] as string, prefix: l[L.fromPrefix] as string, suffix: l[L.fromSuffix] as string,
    },
  };
}

/**
 * The export in `format`, as byte chunks of about 64 KB. One connection, one
 * REPEATABLE READ snapshot: the articles (a cursor), their links and their
 * spans all come from the same moment. The
 * spans, which are nearly all of the work, are read with COPY … (FORMAT
 * binary) and written from the rows' bytes (binary-copy-rows.ts,
 * json-bytes.ts): no object per span. Backpressure reaches PostgreSQL: the
 * next chunk is produced when the consumer pulls, and an unread COPY stream
 * stops reading its socket.
 *
 * A consumer that stops early (a cancelled download) closes the generator:
 * between statements the transaction is rolled back, in the middle of a COPY
 * the connection is closed (the only way to stop one), and either way the
 * connection leaves the pool's hands clean.
 */
export async function* copyExport(
  filter: ExportFilter,
  format: BytesFormat,
  { withText = true, withNames = false, idleTimeoutMs = IDLE_TIMEOUT_MS } = {},
): AsyncGenerator<Uint8Array> {
  const client = await connectClient();
  // A connection that breaks while idle emits 'error' on the client; unheard,
  // that would crash the process. The next statement fails anyway.
  let broken: Error | undefined;
  const onError = (e: Error) => (broken = e);
  client.on('error', onError);
  let copying: NodeJS.ReadableStream | undefined;
  const out = new JsonBytes();
  let released = false;
  /**
   * Closes the connection instead of giving it back (the only way to stop a
   * COPY under way). Its 'error' listener stays: the closed client may still
   * report the COPY it cut short.
   */
  const giveUp = (reason: Error) => {
    if (released) return;
    released = true;
    copying?.on('error', () => {});
    client.release(reason);
  };
  /**
   * Hands chunks to the consumer. While it does not pull, a COPY waits with
   * its connection: after `idleTimeoutMs` the connection is closed and the
   * export fails (between statements PostgreSQL's own idle timeout does this).
   */
  function* handOver(chunks: Buffer[]) {
    for (const chunk of chunks) {
      const stalled = setTimeout(() => {
        broken = new Error('export: not read for too long');
        giveUp(broken);
      }, idleTimeoutMs);
      try {
        yield chunk;
      } finally {
        clearTimeout(stalled);
      }
    }
  }
  try {
    await query(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await query(client, `SET LOCAL idle_in_transaction_session_timeout = ${Math.max(1, Math.round(idleTimeoutMs))}`);
    // From here this process writes while PostgreSQL reads, one core each:
    // parallel workers would take the writer's core, not add one.
    await query(client, 'SET LOCAL max_parallel_workers_per_gather = 0');
    const memberNames = new Map<string, string>();
    if (withNames) for (const [id, name] of await query(client, MEMBER_NAMES, [filter.projectId])) memberNames.set(id as string, name as string);
    const knownAuthors = [...memberNames.keys()];
    format.begin(out, memberNames);
    const articles = articlesSql(filter, { withText });
    await query(client, `DECLARE export_articles NO SCROLL CURSOR FOR ${articles.text}`, articles.values);
    let batch = FIRST_BATCH;
    for (;;) {
      const rows = await query(client, `FETCH ${batch} FROM export_articles`);
      if (rows.length === 0) break;
      const heads = rows.map(toArticle);
      const ids = heads.map((a) => a.id);
      const links = await linksByArticle(client, filter, ids);

      const spans = new BinaryCopyRows(SPAN_BYTES_COLUMNS);
      // The (articleId, start) index gives the spans nearly in order, leaving
      // only ties to sort; for a mid-sized batch the planner prefers sorting
      // the whole batch, which spills to disk and costs PostgreSQL a quarter more.
      await query(client, 'SET LOCAL enable_sort = off');
      const copy = client.query(copyTo(`COPY (${withLiterals(spansOfArticlesSql(filter, ids, { withNames, knownAuthors }), (s) => client.escapeLiteral(s))}) TO STDOUT (FORMAT binary)`));
      copying = copy;
      let a = 0;
      format.article(out, heads[0]);
      let current = Buffer.from(heads[0].id);
      let spanCount = 0;
      for await (const chunk of copy) {
        spans.push(chunk as Buffer);
        while (spans.next()) {
          // Spans come in the articles' order: move on to this span's article,
          // closing those before it (articles without spans included).
          while (!spans.same(0, current)) {
            format.endArticle(out, heads[a], links.get(heads[a].id) ?? []);
            a++;
            if (a === heads.length) throw new Error('export: a span of an article outside the batch');
            format.article(out, heads[a]);
            current = Buffer.from(heads[a].id);
          }
          format.span(out, spans, heads[a]);
          spanCount++;
        }
        yield* handOver(out.take());
      }
      copying = undefined;
      await query(client, 'SET LOCAL enable_sort = on');
      if (!spans.ended) throw new Error('export: the spans COPY ended early');
      for (;;) {
        format.endArticle(out, heads[a], links.get(heads[a].id) ?? []);
        if (++a === heads.length) break;
        format.article(out, heads[a]);
      }
      yield* out.take();
      let linkCount = 0;
      for (const l of links.values()) linkCount += l.length;
      batch = nextBatch(batch, spanCount, heads.reduce((n, h) => n + h.text.length, 0), linkCount);
    }
    format.end(out);
    yield* out.flush();
  } catch (error) {
    // A connection given up on fails its statement with "Connection terminated": say why instead.
    throw broken ?? error;
  } finally {
    // Stopped in the middle of a COPY (or given up on): PostgreSQL would go on sending.
    if (copying || released) giveUp(broken ?? new Error('export stopped during COPY'));
    else {
      client.off('error', onError);
      // Read-only: ending it closes the cursor; nothing to keep. A connection
      // that failed is destroyed rather than given back to the pool.
      const failed = broken ?? (await query(client, 'ROLLBACK').then(() => undefined, (e: Error) => e));
      client.release(failed);
    }
  }
}

/** The links that start in these articles, by article, in export order. */
async function linksByArticle(client: pg.ClientBase, filter: ExportFilter, ids: string[]): Promise<Map<string, LinkWithFrom[]>> {
  const { text, values } = linksOfArticlesSql(filter, ids);
  const byArticle = new Map<string, LinkWithFrom[]>();
  for (const row of await query(client, text, values)) {
    const articleId = row[L.fromArticleId] as string;
    const list = byArticle.get(articleId);
    if (list) list.push(toLink(row));
    else byArticle.set(articleId, [toLink(row)]);
  }
  return byArticle;
}
