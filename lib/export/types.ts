import type { Label, ReviewStatus } from '@/lib/annotations/dto';

// The shape every export format is written from: one article at a time, with
// its spans and the links that start at them. Offsets are code points.

export type ExportSpan = {
  id: string;
  label: Label;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string | null;
  speaker: string | null;
  status: ReviewStatus;
  author: { id: string; name: string };
  claimId: string | null;
  /** The claim's text when the span belongs to one (brat writes it on the N line). */
  claimText?: string | null;
  /** Who made the latest review decision (CSV's reviewer column); absent where a writer does not need it. */
  reviewer?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type ExportLink = {
  id: string;
  kind: 'corroborates' | 'contradicts';
  status: ReviewStatus;
  fromId: string;
  toId: string;
  /** The article of the `to` span, and its selectors, for formats that must name it. */
  to: { articleId: string; start: number; end: number; exact: string; prefix: string; suffix: string };
  author: { id: string; name: string };
  createdAt: Date;
  updatedAt: Date;
};

export type ExportArticle = {
  id: string;
  externalId: string | null;
  title: string;
  outlet: string | null;
  url: string | null;
  author: string | null;
  published: string | null;
  text: string;
  textHash: string;
  spans: ExportSpan[];
  /** Links whose `from` span is in this article. */
  links: ExportLink[];
};

export type ExportScope = {
  projectId: string;
  projectName: string;
  /** IRIs are minted under this base, e.g. https://crosscheck.example.org */
  baseUrl: string;
  /**
   * The export's query string as a W3C collection IRI states it (format, status
   * and filters), so that the IRI fetches this same collection. Without it, the
   * whole project's approved spans.
   */
  collectionQuery?: string;
};


/**
 * Where a span sits in the export, for formats that must point at a span of
 * another article (brat): that article, and the span's 1-based position among
 * the article's exported spans in export order (start, end, id).
 */
export type SpanLocation = { article: Pick<ExportArticle, 'id' | 'externalId' | 'title'>; ordinal: number };
export type SpanLocator = (spanIds: string[]) => Promise<Map<string, SpanLocation>>;

/** An article where a claim appears (ClaimReview `appearance`). */
export type ExportClaimArticle = Pick<ExportArticle, 'id' | 'title' | 'outlet' | 'url' | 'author' | 'published'>;

/** A claim and its spans in the export's scope, each with its article. Only claims with a verdict are reviewed. */
export type ExportClaim = {
  id: string;
  text: string;
  verdict: string | null;
  verdictNote: string | null;
  verdictAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  spans: { id: string; label: Label; speaker: string | null; start: number; article: ExportClaimArticle }[];
};
