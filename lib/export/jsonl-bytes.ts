import 'server-only';
import { articleHeadJsonl, articleTailJsonl } from './to-jsonl';
import { LABEL_NAME as LABEL, SPAN_BYTES, STATUS_NAME as STATUS } from './export-sql';
import { ColumnCache } from './column-cache';
import type { BinaryCopyRows } from './binary-copy-rows';
import type { JsonBytes } from './json-bytes';
import type { BytesFormat } from './copy-export';

const bytes = (s: string) => Buffer.from(s);
// Column positions, copied into this module: they are read for every row, and
// an imported binding may be a getter on the other module.
const S = { ...SPAN_BYTES };

/**
 * JSON Lines (to-jsonl.ts) written from the spans' COPY rows: the article's
 * fields and its links as articleHeadJsonl/articleTailJsonl write them, each
 * entity as articleToJsonl does (the integration test compares the two),
 * from fixed pieces and the rows' text escaped byte by byte.
 */
export function jsonlBytes(): BytesFormat {
  let separator = false;
  const COMMA = bytes(',');
  const NULL = bytes('null');
  const QUOTE = bytes('"');
  const open = bytes(`{"id":"`);
  const labelOpen = bytes(`","label":`);
  const startOpen = bytes(`,"start_offset":`);
  const endOpen = bytes(`,"end_offset":`);
  const textOpen = bytes(`,"text":"`);
  const speakerOpen = bytes(`","speaker":`);
  const noteOpen = bytes(`,"note":`);
  const statusOpen = bytes(`,"status":`);
  const claimOpen = bytes(`,"claim_id":`);
  const close = bytes('}');
  // An enum column as its lower-case JSON string, made once per value.
  const label = new ColumnCache(S.label, (v) => bytes(JSON.stringify(LABEL[v] ?? v.toLowerCase())));
  const status = new ColumnCache(S.status, (v) => bytes(JSON.stringify(STATUS[v] ?? v.toLowerCase())));
  const orNull = (out: JsonBytes, rows: BinaryCopyRows, column: number) => {
    if (rows.isNull(column)) return out.raw(NULL);
    out.raw(QUOTE);
    out.escaped(rows.buf, rows.starts[column], rows.ends[column]);
    out.raw(QUOTE);
  };

  return {
    begin() {},
    article(out, article) {
      out.str(articleHeadJsonl(article));
      separator = false;
    },
    span(out, rows) {
      if (separator) out.raw(COMMA);
      separator = true;
      out.raw(open);
      out.escaped(rows.buf, rows.starts[S.id], rows.ends[S.id]);
      out.raw(labelOpen);
      out.raw(label.get(rows));
      out.raw(startOpen);
      out.num(rows.int(S.start));
      out.raw(endOpen);
      out.num(rows.int(S.end));
      out.raw(textOpen);
      out.escaped(rows.buf, rows.starts[S.exact], rows.ends[S.exact]);
      out.raw(speakerOpen);
      orNull(out, rows, S.speaker);
      out.raw(noteOpen);
      orNull(out, rows, S.note);
      out.raw(statusOpen);
      out.raw(status.get(rows));
      out.raw(claimOpen);
      orNull(out, rows, S.claimId);
      out.raw(close);
    },
    endArticle(out, article, links) {
      out.str(articleTailJsonl(links, (l) => l.to.articleId === article.id));
    },
    end() {},
  };
}
