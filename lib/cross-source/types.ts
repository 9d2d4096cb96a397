// Types only: shared by the article page (server) and the reader (client).

/**
 * What the reader needs to know about an article's spans beyond the spans
 * themselves: how many links touch each span, and which claim each belongs
 * to. Spans with no links or no claim are left out of the maps.
 */
export type SpanContext = {
  linkCounts: Record<string, number>;
  claimIds: Record<string, string>;
};

export const EMPTY_SPAN_CONTEXT: SpanContext = { linkCounts: {}, claimIds: {} };

/** Reads the span context of another article (a server action handed down by the page). */
export type LoadSpanContext = (articleId: string) => Promise<SpanContext | null>;
