/** Words beyond this many are searched as typed, not as prefixes. */
const MAX_PREFIX_WORDS = 8;

/**
 * A `to_tsquery` text that matches every word of `q` as a word beginning
 * (`cyberatt` finds "cyberattack", `iran` finds "Iranian"), or null when `q`
 * uses web search syntax ("a phrase", -excluded, or), which is then taken
 * exactly. PostgreSQL stems each word before matching its prefix, as it
 * stems the sentences. Only letters and digits are kept, so the text holds
 * no tsquery syntax of the user's.
 */
export function prefixQuery(q: string): string | null {
  if (/["]|(^|\s)-|(^|\s)or(\s|$)/i.test(q)) return null;
  const words = q.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words
    .slice(0, MAX_PREFIX_WORDS)
    .map((w) => `${w}:*`)
    .join(' & ');
}
