import { createHash } from 'node:crypto';
import { normalizeText } from '@/lib/anchoring/normalize-text';
import { codePointLength } from '@/lib/anchoring/code-points';

export type NewArticle = {
  externalId?: string | null;
  url?: string | null;
  outlet?: string | null;
  title: string;
  author?: string | null;
  published?: string | null; // YYYY-MM-DD
  text: string;
  /** Spans carried by the file (doccano-style `entities`): code points over the canonical text. */
  spans?: ImportedSpan[];
  /** Relations the file gives between its spans (by their ids in the file), doccano's `relations` and our `cross_relations`. */
  links?: ImportedLink[];
  /** Where the record is in its file ("a.jsonl, line 7"), for errors found while storing it. */
  origin?: string;
  /** Keys of the record that look meant for a field it does not give ([key, field]: "Title" for title): ignored, and said so. */
  misnamed?: [string, string][];
  /** The record gave no title: `title` was made from its first words, and corrects no title already here. */
  titleMadeUp?: boolean;
  /** `externalId` is only the file's name (a page without a sidecar id): the same text under another name is the same article. */
  idFromName?: boolean;
};

/** `sourceId`: the span's id in the file, which its relations name it by. */
export type ImportedSpan = { start: number; end: number; label: 'assertion' | 'denial' | 'evidence'; speaker?: string | null; note?: string | null; sourceId?: string };

/**
 * A relation of the file: its two spans by their ids in the file, its type (a link kind,
 * corroborates or contradicts, in any case), and whether it may name a span of another line
 * (our `cross_relations`) or only of its own (`relations`).
 */
export type ImportedLink = { from: string; to: string; type: string; cross: boolean };

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Row fields for an article: canonical text, its hash and code-point length. */
export function articleFields(input: NewArticle) {
  const text = normalizeText(input.text);
  return {
    // Empty is absent (every path: imports, seeds, tests): "" would be an outlet with no name.
    externalId: input.externalId || null,
    url: input.url?.trim() || null,
    outlet: input.outlet?.trim() || null,
    title: normalizeText(input.title).trim(),
    author: input.author?.trim() || null,
    publishedAt: input.published ? new Date(`${input.published}T00:00:00Z`) : null,
    text,
    textHash: sha256Hex(text),
    length: codePointLength(text),
  };
}
