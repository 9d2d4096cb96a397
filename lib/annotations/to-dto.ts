import type { AnnotationDto, Label, ReviewStatus } from './dto';
import type { Label as DbLabel, ReviewStatus as DbStatus } from '@/lib/db/generated/enums';

export const annotationSelect = {
  id: true,
  articleId: true,
  label: true,
  note: true,
  speaker: true,
  start: true,
  end: true,
  exact: true,
  prefix: true,
  suffix: true,
  textHash: true,
  status: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  reviewComment: true,
  reviewedAt: true,
  orphaned: true,
  anchorScore: true,
  author: { select: { id: true, name: true } },
} as const;

type Row = {
  id: string;
  articleId: string;
  label: DbLabel;
  note: string | null;
  speaker: string | null;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  textHash: string;
  status: DbStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  reviewComment?: string | null;
  reviewedAt?: Date | null;
  orphaned?: boolean;
  anchorScore?: number | null;
  author: { id: string; name: string };
  reviewedBy?: { id: string; name: string } | null;
};

export const toDbLabel = (l: Label) => l.toUpperCase() as DbLabel;

export function toAnnotationDto(row: Row): AnnotationDto {
  return {
    ...row,
    label: row.label.toLowerCase() as Label,
    status: row.status.toLowerCase() as ReviewStatus,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    reviewComment: row.reviewComment ?? null,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    orphaned: row.orphaned ?? false,
    anchorScore: row.anchorScore ?? null,
  };
}
