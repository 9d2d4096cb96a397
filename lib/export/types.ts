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
  total: { spans: number; links: number };
};
