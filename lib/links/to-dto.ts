import type { Label, ReviewStatus } from '@/lib/annotations/dto';
import type { Label as DbLabel, LinkKind as DbLinkKind, ReviewStatus as DbStatus } from '@/lib/db/generated/enums';
import type { LinkDto, LinkKind, SpanSummaryDto } from './dto';

export const spanSummarySelect = {
  id: true,
  articleId: true,
  label: true,
  exact: true,
  start: true,
  end: true,
  article: { select: { title: true, outlet: true } },
} as const;

export const linkSelect = {
  id: true,
  projectId: true,
  kind: true,
  status: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  from: { select: spanSummarySelect },
  to: { select: spanSummarySelect },
} as const;

type SpanRow = { id: string; articleId: string; label: DbLabel; exact: string; start: number; end: number; article: { title: string; outlet: string | null } };
type LinkRow = {
  id: string;
  projectId: string;
  kind: DbLinkKind;
  status: DbStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  author: { id: string; name: string };
  from: SpanRow;
  to: SpanRow;
};

export const toDbLinkKind = (k: LinkKind) => k.toUpperCase() as DbLinkKind;

export function toSpanSummary({ article, ...row }: SpanRow): SpanSummaryDto {
  return { ...row, articleTitle: article.title, outlet: article.outlet, label: row.label.toLowerCase() as Label };
}

export function toLinkDto(row: LinkRow): LinkDto {
  return {
    ...row,
    kind: row.kind.toLowerCase() as LinkKind,
    status: row.status.toLowerCase() as ReviewStatus,
    from: toSpanSummary(row.from),
    to: toSpanSummary(row.to),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
