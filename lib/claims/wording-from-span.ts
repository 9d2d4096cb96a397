import { MAX_CLAIM_LENGTH } from './schema';

/**
 * A span's text as the first wording of a claim: one line, single spaces, and
 * at most MAX_CLAIM_LENGTH code points (cut at a code point, ending in "…").
 */
export function wordingFromSpan(exact: string): string {
  const oneLine = exact.split(/\s+/).filter(Boolean).join(' ');
  const cps = Array.from(oneLine);
  return cps.length <= MAX_CLAIM_LENGTH ? oneLine : cps.slice(0, MAX_CLAIM_LENGTH - 1).join('').trimEnd() + '…';
}
