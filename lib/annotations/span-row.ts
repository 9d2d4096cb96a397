import 'server-only';
import { SqlFragment } from '@/lib/db/client';
import type { AnnotationDto } from './dto';
import { toAnnotationDto } from './to-dto';

/** A span as `spanColumns` selects it: the DTO's columns, its author and its last reviewer by id and name. */
export type SpanRow = Omit<Parameters<typeof toAnnotationDto>[0], 'author' | 'reviewedBy'> & {
  authorId: string;
  authorName: string;
  reviewedById: string | null;
  reviewerName: string | null;
};

/**
 * The columns an AnnotationDto is made of, for the span `span` and its
 * author `user` (a join on "User"), in raw SQL on the pool (lib/db/client.ts,
 * `sql`): one list for every statement that answers with spans. The reviewer's
 * name is a lookup by primary key, not a join: most spans have none.
 */
export function spanColumns(span: string, user: string): SqlFragment {
  const c = (column: string) => `${span}."${column}"`;
  return new SqlFragment(
    [
      'id', 'articleId', 'label', 'note', 'speaker', 'start', 'end', 'exact', 'prefix', 'suffix', 'textHash',
      'status', 'version', 'createdAt', 'updatedAt', 'reviewComment', 'reviewedAt', 'reviewedById', 'orphaned', 'anchorScore', 'authorId',
    ].map(c).join(', ') +
      `, ${user}.name AS "authorName", (SELECT r.name FROM "User" r WHERE r.id = ${c('reviewedById')}) AS "reviewerName"`,
  );
}

export const spanRowToDto = ({ authorId, authorName, reviewedById, reviewerName, ...span }: SpanRow): AnnotationDto =>
  toAnnotationDto({ ...span, author: { id: authorId, name: authorName }, reviewedBy: reviewedById && reviewerName !== null ? { id: reviewedById, name: reviewerName } : null });
