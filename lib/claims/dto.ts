// Types only: shared by route handlers, pages and client components.
import type { Label, ReviewStatus } from '@/lib/annotations/dto';
import type { LinkDto } from '@/lib/links/dto';

/** How an article without an outlet is shown, and the key of its matrix column. */
export const UNKNOWN_OUTLET = 'Unknown outlet';

export type ClaimDto = {
  id: string;
  projectId: string;
  /** The canonical wording. */
  text: string;
  verdict: string | null;
  /** Why the verdict (ClaimReview's ratingExplanation). */
  verdictNote: string | null;
  /** When the verdict or its reason was last given (ISO), null without a verdict. */
  verdictAt: string | null;
  /** Optimistic concurrency for renames: send it back with PATCH. */
  version: number;
  author: { id: string; name: string };
  spanCount: number;
  outletCount: number;
  createdAt: string;
  updatedAt: string;
};

/** A span attached to a claim, with what the claim page shows of it. */
export type ClaimSpanDto = {
  id: string;
  articleId: string;
  articleTitle: string;
  /** The article's outlet, or "Unknown outlet". */
  outlet: string;
  label: Label;
  exact: string;
  start: number;
  end: number;
  speaker: string | null;
  status: ReviewStatus;
  author: { id: string; name: string };
};

/** The spans of one outlet, by tag. */
export type ClaimOutletGroup = { outlet: string; labels: Record<Label, ClaimSpanDto[]> };

export type ClaimDetailDto = ClaimDto & {
  projectName: string;
  /** Number of attached spans per tag. */
  counts: Record<Label, number>;
  /** Outlets in name order ("Unknown outlet" last); spans in article and text order. */
  groups: ClaimOutletGroup[];
  /** Links whose two ends are both attached to this claim. */
  links: LinkDto[];
};

export type StatusCounts = { count: number; approved: number; pending: number; rejected: number };
export type MatrixCell = Record<Label, StatusCounts>;

export const MATRIX_SORTS = ['outlets', 'text'] as const;
export type MatrixSort = (typeof MATRIX_SORTS)[number];

export type MatrixRow = {
  id: string;
  text: string;
  spanCount: number;
  outletCount: number;
  /** Only outlets with at least one (matching) span have a cell. */
  cells: Record<string, MatrixCell>;
};

export type MatrixDto = {
  projectId: string;
  /** Columns: every outlet of the project's articles (or the filtered one), in name order. */
  outlets: string[];
  /** Every outlet of the project, for a filter's choices. */
  allOutlets: string[];
  claims: MatrixRow[];
};
