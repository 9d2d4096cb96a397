/**
 * Text formats hand their output on in pieces of at least this many UTF-16
 * units (about 64 KB on the wire), not one piece per span: at a million spans,
 * passing tiny chunks through the generators and the response stream cost
 * more than writing them. A piece may be larger: an article's JSONL line or
 * CoNLL block is never split.
 */
export const CHUNK_CHARS = 64 * 1024;
