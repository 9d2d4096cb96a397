/** W3C Web Annotation TextPositionSelector, counted in code points of the canonical text. */
export type TextPosition = { start: number; end: number };

/** W3C Web Annotation TextQuoteSelector. */
export type TextQuote = { exact: string; prefix: string; suffix: string };

/** What a captured selection stores: both selectors, always describing the same text. */
export type TextSelectorSet = TextPosition & TextQuote;
