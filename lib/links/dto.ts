// Types only: shared by route handlers, pages and client components.
import type { Label, ReviewStatus } from '@/lib/annotations/dto';

export const LINK_KINDS = ['corroborates', 'contradicts'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Enough of a span to show it on either end of a link without fetching it. */
export type SpanSummaryDto = {
  id: string;
  articleId: string;
  articleTitle: string;
  outlet: string | null;
  label: Label;
  exact: string;
  /** Code points over the article text, half-open. */
  start: number;
  end: number;
};

export type LinkDto = {
  id: string;
  projectId: string;
  kind: LinkKind;
  status: ReviewStatus;
  version: number;
  author: { id: string; name: string };
  from: SpanSummaryDto;
  to: SpanSummaryDto;
  createdAt: string;
  updatedAt: string;
};
