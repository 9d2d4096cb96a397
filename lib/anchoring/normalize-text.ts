/**
 * The one place where article text becomes canonical. Every offset Crosscheck
 * stores or exports counts Unicode code points of the string this returns, so
 * import, seed, anchoring and export must all go through it.
 *
 * - BOM removed (it is an encoding artefact, not text);
 * - CRLF and lone CR become LF (one line end, one code point);
 * - Unicode NFC, so "ë" is one code point whether it arrived composed or not.
 */
export function normalizeText(input: string): string {
  let text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  text = text.replace(/\r\n?/g, '\n');
  return text.normalize('NFC');
}
