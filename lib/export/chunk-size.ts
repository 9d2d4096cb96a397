/**
 * Text formats hand their output on in pieces of at least this many UTF-16
 * units (about 64 KB on the wire), not one piece per span: at a million spans,
 * passing tiny chunks through the generators and the response stream cost
 * more than writing them. A piece may be larger: an article's JSONL line or
 * CoNLL block is never split.
 */
export const CHUNK_CHARS = 64 * 1024;

/** Each article's text from `write`, handed on in chunks of at least CHUNK_CHARS (whole articles). */
export async function* inChunks<T>(articles: AsyncIterable<T>, write: (article: T) => string): AsyncGenerator<string> {
  let out = '';
  for await (const article of articles) {
    out += write(article);
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}
