/** Words beyond this many are searched as typed, not as prefixes. */
const MAX_PREFIX_WORDS = 8;

/** A "phrase" (its closing quote optional) or an -exclusion (of a word or a "phrase"): web search syntax, taken as typed. */
const SYNTAX = /-?"[^"]*("|$)|(^|\s)-[^\s"]+/g;

/**
 * How a search is matched besides exactly: `prefixes`, a `to_tsquery` text
 * that matches every plain word of `q` as a word beginning (`cyberatt` finds
 * "cyberattack", `iran` finds "Iranian"), and `rest`, the "phrases" and
 * -exclusions, which are taken exactly (websearch_to_tsquery) alongside
 * them. `prefixes` is null when there are no plain words, or when `q` uses
 * `or` (which joins its neighbours, so words cannot be taken apart from it):
 * the query is then only taken exactly. PostgreSQL stems each word before
 * matching its prefix, as it stems the sentences. Only letters and digits
 * are kept, so the text holds no tsquery syntax of the user's.
 */
export function prefixQuery(q: string): { prefixes: string | null; rest: string } {
  if (/(^|\s)or(\s|$)/i.test(q)) return { prefixes: null, rest: q };
  const rest = (q.match(SYNTAX) ?? []).map((s) => s.trim()).join(' ');
  const words = q.replace(SYNTAX, ' ').match(/[\p{L}\p{N}]+/gu);
  if (!words) return { prefixes: null, rest };
  const prefixes = words
    .slice(0, MAX_PREFIX_WORDS)
    .map((w) => `${w}:*`)
    .join(' & ');
  return { prefixes, rest };
}
