// Types only: shared by route handlers and client components, so nothing
// here may import server code.
import type { ProjectRole } from '@/lib/auth/can';

export const LABELS = ['assertion', 'denial', 'evidence'] as const;
export type Label = (typeof LABELS)[number];

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type AnnotationStatus = (typeof REVIEW_STATUSES)[number];
export type ReviewStatus = AnnotationStatus;

/** One span as the API returns it. Offsets count code points of the article's canonical text. */
export type AnnotationDto = {
  id: string;
  articleId: string;
  label: Label;
  note: string | null;
  speaker: string | null;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  textHash: string;
  status: AnnotationStatus;
  version: number;
  author: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  /** The latest review decision's comment and time (null while pending). */
  reviewComment?: string | null;
  reviewedAt?: string | null;
  /** Who made that decision (null while pending); read with the span where it is shown (reader, queue). */
  reviewedBy?: { id: string; name: string } | null;
  /**
   * No place was found for the span on the article's current text after a
   * revision: start/end/exact/prefix/suffix/textHash describe the text it was
   * made on, so do not draw it over the current text.
   */
  orphaned?: boolean;
  /** Confidence (0..1) of the last re-anchoring onto a new revision; null if never re-anchored. */
  anchorScore?: number | null;
};

export type ArticleReaderProps = {
  articleId: string;
  text: string;
  textHash: string;
  initialAnnotations: AnnotationDto[];
  /** The caller's roles in the article's project: the controls shown follow lib/auth/can.ts, as the server's checks do. */
  roles: ProjectRole[];
  /** Spans of this article a revision left without a place: a link to one says so rather than "deleted". */
  orphanIds?: string[];
  /** An orphan of this article to place by hand (the orphans page links here with ?place=<id>). */
  placing?: AnnotationDto;
  currentUserId: string;
};

/** Body of POST /api/v1/articles/:articleId/annotations. */
export type CreateAnnotationBody = {
  start: number;
  end: number;
  label: Label;
  note?: string;
  speaker?: string;
  /** The text the client saw at [start, end); the server refuses a mismatch with 409. */
  exact?: string;
};

/** Body of PATCH /api/v1/annotations/:id; `version` is the one the client last saw. */
export type UpdateAnnotationBody = {
  label: Label;
  note: string | null;
  speaker: string | null;
  version: number;
};

/** Error body every API route returns. */
export type ApiErrorBody = {
  error: { code: string; message: string; fields?: Record<string, string | string[]> };
};
