import 'server-only';
import { annotationJson, articleIri, collectionFrame, CONTEXT_JSON, spanIri } from './to-web-annotation';
import { LABEL_NAME as LABEL, SPAN_BYTES, STATUS_NAME as STATUS } from './export-sql';
import { ColumnCache } from './column-cache';
import type { BinaryCopyRows } from './binary-copy-rows';
import type { JsonBytes } from './json-bytes';
import type { BytesFormat, LinkWithFrom } from './copy-export';
import type { ArticleHead } from './export-sql';
import type { ExportScope, ExportSpan } from './types';

const bytes = (s: string) => Buffer.from(s);
// Column positions, copied into this module: they are read for every row, and
// an imported binding may be a getter on the other module.
const S = { ...SPAN_BYTES };
/** Between two items of the collection, as toWebAnnotation writes them. */
const SEPARATOR = bytes(',\n');

/**
 * The W3C Web Annotation collection (to-web-annotation.ts) written from the
 * spans' COPY rows: each span's Annotation is the same bytes that
 * annotationJson().span writes (the integration test compares the two), put
 * together from fixed pieces, fragments made once (creator, status, tag)
 * and the rows' text escaped byte by byte. Links are few and go
 * through annotationJson().link.
 */
export function w3cBytes(scope: ExportScope, label: string): BytesFormat {
  const json = annotationJson(scope);
  const frame = collectionFrame(scope, label);
  /** Items written so far: the collection's total, and whether the page has begun. */
  let written = 0;
  const FIRST = bytes(frame.first);

  const open = bytes(`{"@context":${CONTEXT_JSON},"id":${JSON.stringify(spanIri(scope, '')).slice(0, -1)}`);
  const separatorAndOpen = Buffer.concat([SEPARATOR, open]);
  const firstAndOpen = Buffer.concat([FIRST, open]);
  const afterId = bytes(`","type":"Annotation","motivation":"tagging","created":"`);
  const afterCreated = bytes(`","modified":"`);
  const noteOpen = bytes(`,{"type":"TextualBody","purpose":"commenting","value":"`);
  const noteClose = bytes(`","format":"text/plain"}`);
  const speakerOpen = bytes(`,{"type":"TextualBody","purpose":"describing","value":"speaker: `);
  const speakerMiddle = bytes(`","format":"text/plain","cc:speaker":"`);
  const stringClose = bytes(`"}`);
  const claimOpen = bytes(`,{"type":"SpecificResource","purpose":"classifying","source":${JSON.stringify(`${scope.baseUrl}/claims/`).slice(0, -1)}`);
  const prefixOpen = bytes(`","prefix":"`);
  const suffixOpen = bytes(`","suffix":"`);
  const startOpen = bytes(`"},{"type":"TextPositionSelector","start":`);
  const endOpen = bytes(`,"end":`);

  // Fragments made once: per author (the creator), per status, per tag.
  let memberNames = new Map<string, string>();
  const creator = new ColumnCache(S.authorId, (id, rows) => {
    // NULL: a member's (read before), or a non-member's name that is itself NULL.
    const name = rows.isNull(S.authorName) ? (memberNames.get(id) ?? null) : rows.text(S.authorName);
    return bytes(`","creator":${JSON.stringify({ id: `${scope.baseUrl}/users/${id}`, type: 'Person', name })}`);
  }, 64);
  const status = new ColumnCache(S.status, (v) => bytes(`,"cc:status":${JSON.stringify(STATUS[v] ?? v.toLowerCase())},"body":[`));
  const tagging = new ColumnCache(S.label, (v) =>
    bytes(JSON.stringify({ type: 'TextualBody', purpose: 'tagging', value: LABEL[v] ?? v.toLowerCase(), format: 'text/plain' })));
  let target = Buffer.alloc(0);
  let targetEnd = Buffer.alloc(0);
  const text = (out: JsonBytes, rows: BinaryCopyRows, column: number) => out.escaped(rows.buf, rows.starts[column], rows.ends[column]);
  const present = (rows: BinaryCopyRows, column: number) => rows.ends[column] > rows.starts[column];
  /** A body made of a fixed opening, the column's text and a fixed closing, if the column has text. */
  const optional = (out: JsonBytes, rows: BinaryCopyRows, column: number, opening: Buffer, closing: Buffer) => {
    if (!present(rows, column)) return;
    out.raw(opening);
    text(out, rows, column);
    out.raw(closing);
  };

  return {
    begin(out, names) {
      memberNames = names;
      out.str(frame.open);
    },
    article(_out, article: ArticleHead) {
      target = bytes(`],"target":{"type":"SpecificResource","source":${JSON.stringify(articleIri(scope, article))},"selector":[{"type":"TextQuoteSelector","exact":"`);
      targetEnd = bytes(`}],"cc:textHash":${JSON.stringify(article.textHash)}}}`);
    },
    span(out, rows) {
      out.raw(written++ ? separatorAndOpen : firstAndOpen);
      text(out, rows, S.id);
      out.raw(afterId);
      out.isoTime(rows.epochMs(S.createdAt));
      out.raw(afterCreated);
      out.isoTime(rows.epochMs(S.updatedAt));
      out.raw(creator.get(rows));
      out.raw(status.get(rows));
      out.raw(tagging.get(rows));
      optional(out, rows, S.note, noteOpen, noteClose);
      if (present(rows, S.speaker)) {
        out.raw(speakerOpen);
        text(out, rows, S.speaker);
        out.raw(speakerMiddle);
        text(out, rows, S.speaker);
        out.raw(stringClose);
      }
      optional(out, rows, S.claimId, claimOpen, stringClose);
      out.raw(target);
      text(out, rows, S.exact);
      out.raw(prefixOpen);
      text(out, rows, S.prefix);
      out.raw(suffixOpen);
      text(out, rows, S.suffix);
      out.raw(startOpen);
      out.num(rows.int(S.start));
      out.raw(endOpen);
      out.num(rows.int(S.end));
      out.raw(targetEnd);
    },
    endArticle(out, article, links: LinkWithFrom[]) {
      if (links.length === 0) return;
      const write = json.forArticle({ ...article, spans: [], links: [] });
      for (const l of links) {
        out.raw(written++ ? SEPARATOR : FIRST);
        out.str(write.link(l, l.from as ExportSpan));
      }
    },
    end(out) {
      out.str(frame.close(written));
    },
  };
}
