const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** How much text is handed to the segmenter at a time. */
const WINDOW = 1024;

/**
 * The grapheme clusters of a text, in order. V8's segmenter slows down with
 * the square of the length of the string it walks (on Node 20 a 112,000
 * character text took 2 s, 224,000 about 45 s), so it walks windows of the
 * text: every cluster of a window but its last is whole, and the next window
 * starts where that last one did, so nothing is cut (clusters are a few
 * characters; one longer than a window, hundreds of stacked marks, is cut).
 */
export function* graphemeClusters(text: string): Generator<string> {
  let from = 0;
  while (from < text.length) {
    const end = Math.min(text.length, from + WINDOW);
    let last = '';
    let lastAt = from;
    for (const { segment, index } of graphemes.segment(text.slice(from, end))) {
      if (last) yield last;
      last = segment;
      lastAt = from + index;
    }
    if (end === text.length || lastAt === from) {
      // The text's end, or one cluster filling the window.
      yield last;
      from = end;
    } else from = lastAt;
  }
}
